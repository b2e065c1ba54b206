#include "Command.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ic::cli {

int CommandOutput::fail(Context &ctx, const Error &error)
{
    if (ctx.json) {
        QJsonObject e{{QStringLiteral("code"), error.codeName()}, {QStringLiteral("message"), error.message}};
        if (!error.detail.isEmpty()) {
            e.insert(QStringLiteral("detail"), error.detail);
        }
        if (!error.hint.isEmpty()) {
            e.insert(QStringLiteral("hint"), error.hint);
        }
        if (!error.field.isEmpty()) {
            e.insert(QStringLiteral("field"), error.field);
        }
        printJson(ctx, QJsonObject{{QStringLiteral("error"), e}});
    } else {
        ctx.err() << tr("error: %1").arg(error.message) << '\n';
        if (!error.detail.isEmpty()) {
            ctx.err() << tr("  detail: %1").arg(error.detail) << '\n';
        }
        if (!error.hint.isEmpty()) {
            ctx.err() << tr("  hint: %1").arg(error.hint) << '\n';
        }
        ctx.err().flush();
    }
    return exitCodeFor(error.code);
}

int CommandOutput::usageError(CliIo &io, const QString &message, const QString &helpCommand)
{
    *io.err << tr("error: %1").arg(message) << '\n' << tr("Run `%1 --help` for usage.").arg(helpCommand) << '\n';
    io.err->flush();
    return ExitUsage;
}

void CommandOutput::printJson(Context &ctx, const QJsonValue &value)
{
    const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    ctx.out() << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    ctx.out().flush();
}

QString CommandOutput::formatTime(const QDateTime &time)
{
    if (!time.isValid()) {
        return tr("never");
    }
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

std::optional<QString> CommandOutput::expectArguments(const QStringList &args, qsizetype count, const QString &missing)
{
    if (args.size() < count) {
        return missing;
    }
    if (args.size() > count) {
        return tr("Unexpected argument \"%1\".").arg(args.at(count));
    }
    return std::nullopt;
}

} // namespace ic::cli
