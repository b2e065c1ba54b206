#include "Terminal.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace ic::cli {

namespace {

#ifdef Q_OS_WIN
bool isTerminal(int fd)
{
    return _isatty(fd) != 0;
}

std::optional<QString> readLineWithoutEcho()
{
    HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode = 0;
    GetConsoleMode(input, &mode);
    SetConsoleMode(input, mode & ~ENABLE_ECHO_INPUT);
    std::wstring line;
    const bool ok = static_cast<bool>(std::getline(std::wcin, line));
    SetConsoleMode(input, mode);
    if (!ok) {
        return std::nullopt;
    }
    return QString::fromStdWString(line);
}
#else
bool isTerminal(int fd)
{
    return ::isatty(fd) != 0;
}

std::optional<QString> readLineWithoutEcho()
{
    termios saved{};
    const bool haveTerminal = ::tcgetattr(STDIN_FILENO, &saved) == 0;
    if (haveTerminal) {
        termios silent = saved;
        silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    std::string line;
    const bool ok = static_cast<bool>(std::getline(std::cin, line));
    if (haveTerminal) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    }
    if (!ok) {
        return std::nullopt;
    }
    return QString::fromLocal8Bit(line.data(), qsizetype(line.size()));
}
#endif

} // namespace

bool stdinIsTerminal()
{
    return isTerminal(0);
}

bool stdoutIsTerminal()
{
    return isTerminal(1);
}

std::optional<QString> readSecretFromStdin(QTextStream &prompt, const QString &label)
{
    if (stdinIsTerminal()) {
        prompt << QCoreApplication::translate("ic::cli::Terminal", "%1 (input is hidden): ").arg(label);
        prompt.flush();
        auto first = readLineWithoutEcho();
        prompt << '\n';
        if (!first) {
            return std::nullopt;
        }
        prompt << QCoreApplication::translate("ic::cli::Terminal", "Repeat to confirm: ");
        prompt.flush();
        auto second = readLineWithoutEcho();
        prompt << '\n';
        prompt.flush();
        if (!second || *second != *first) {
            return std::nullopt;
        }
        return first;
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) {
        return std::nullopt;
    }
    QByteArray data = in.readAll();
    if (data.endsWith("\r\n")) {
        data.chop(2);
    } else if (data.endsWith('\n')) {
        data.chop(1);
    }
    return QString::fromUtf8(data);
}

} // namespace ic::cli
