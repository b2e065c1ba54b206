#pragma once

#include "db/Database.h"
#include "db/DatabaseUrl.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace ic::test {

/// A throwaway database for one test executable, on the dialect named by the environment variable IC_TEST_DB
/// (sqlite, postgresql or mysql; sqlite when unset):
///  - sqlite: a file in a temporary directory;
///  - postgresql / mysql: a freshly created database (random name) on the server given by the admin URL in
///    IC_TEST_POSTGRESQL_URL / IC_TEST_MYSQL_URL (scripts/test-servers.sh exports them), dropped again by the
///    destructor. The password, if the server needs one, is in IC_TEST_POSTGRESQL_PASSWORD /
///    IC_TEST_MYSQL_PASSWORD.
class TestDatabase {
public:
    /// Returns nullptr and sets `*whyNot` when the server for the requested dialect is not configured. When
    /// IC_TEST_REQUIRE_SERVERS=1 (the test script sets it), a missing server is an error, not a skip: callers
    /// use IC_TEST_DATABASE_OR_SKIP below, which QFAILs then.
    static std::unique_ptr<TestDatabase> create(QString *whyNot);
    ~TestDatabase();

    db::Dialect dialect() const { return m_url.dialect; }
    const db::DatabaseUrl &url() const { return m_url; }
    /// The password for url() ("" for SQLite and trust-authenticated servers).
    QString password() const { return m_password; }
    /// A new connection (fails the test through the returned error if it cannot open).
    Result<std::unique_ptr<db::Database>> open() const;
    /// Drops every table, so the next open() sees an empty database.
    void wipe() const;

    /// Every byte the database holds, as text, for leak tests: the SQLite file (and its -wal), or a
    /// pg_dump / mysqldump of the test database.
    QByteArray dumpAll() const;

private:
    TestDatabase() = default;
    db::DatabaseUrl m_url;
    QString m_password;
    db::DatabaseUrl m_adminUrl;
    QString m_adminPassword;
    std::unique_ptr<QTemporaryDir> m_dir;
};

/// True when IC_TEST_REQUIRE_SERVERS=1.
bool serversRequired();

} // namespace ic::test

/// In a Qt Test slot: declares `var` as a std::unique_ptr<TestDatabase>; skips the test (or fails it, when
/// servers are required) if the requested server is not configured.
#define IC_TEST_DATABASE_OR_SKIP(var)                                                                                  \
    QString var##WhyNot;                                                                                               \
    auto var = ::ic::test::TestDatabase::create(&var##WhyNot);                                                         \
    if (!var) {                                                                                                        \
        if (::ic::test::serversRequired())                                                                             \
            QFAIL(qPrintable(var##WhyNot));                                                                            \
        QSKIP(qPrintable(var##WhyNot));                                                                                \
    }
