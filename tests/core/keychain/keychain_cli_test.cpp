// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// DESIGN §7: the hub token from HF_TOKEN, else the token file, else the OS keychain, in the studio and in
// `memspec refresh` alike. This runs a private D-Bus session bus and gnome-keyring's Secret Service in a temporary
// home, stores the token through TokenStore (what the studio's Settings dialog calls), and runs the real `memspec`.
#include "tests/core/keychain/privatekeyring.h"
#include "tests/support/hubtestenv.h"

#include "app/keychain/tokenstore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace memspec;
using memspec::test::HubTestEnv;
using memspec::test::PrivateKeyring;

namespace {

const QString kGated = QStringLiteral("stabilityai/stable-diffusion-3.5-large-turbo");

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun refresh(const PrivateKeyring &keyring, HubTestEnv &hub, const QString &hfToken = {})
{
    QProcess p;
    QProcessEnvironment env = keyring.env;
    test::insertFastRetry(env);
    env.insert(QStringLiteral("HF_HUB_CACHE"), QStringLiteral("/nonexistent-hf-cache"));
    env.insert(QStringLiteral("HF_TOKEN_PATH"), QStringLiteral("/nonexistent-token"));
    env.remove(QStringLiteral("HF_HUB_OFFLINE"));
    env.remove(QStringLiteral("HUGGING_FACE_HUB_TOKEN"));
    if (hfToken.isEmpty()) {
        env.remove(QStringLiteral("HF_TOKEN"));
    } else {
        env.insert(QStringLiteral("HF_TOKEN"), hfToken);
    }
    p.setProcessEnvironment(env);
    const QTemporaryDir cache; // a fresh cache each run: an unchanged commit would be served from the last one
    p.start(QStringLiteral(MEMSPEC_BUILD_DIR "/app/memspec"),
            {QStringLiteral("--endpoint"), hub.hub.hubUrl().toString(), QStringLiteral("--cache-dir"), cache.path(),
             QStringLiteral("refresh"), kGated});
    EXPECT_TRUE(test::spinUntil([&] { return p.state() == QProcess::NotRunning; }, 60000));
    return CliRun{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}

} // namespace

TEST(KeychainCli, RefreshUsesTheTokenTheStudioSavedAndHfTokenWins)
{
    if (!TokenStore::keychainAvailable()) {
        GTEST_SKIP() << "this build has no qtkeychain";
    }
    PrivateKeyring keyring;
    if (!keyring.missing.isEmpty()) {
        GTEST_SKIP() << keyring.missing.toStdString();
    }
    HubTestEnv hub;

    // Nothing stored yet: anonymous, so the gated repo refuses.
    CliRun r = refresh(keyring, hub);
    EXPECT_EQ(r.exitCode, 1) << r.err.toStdString();
    EXPECT_TRUE(r.err.contains("gated repository")) << r.err.toStdString();
    EXPECT_FALSE(r.err.contains("keychain")) << "an empty keychain is not an error: " << r.err.toStdString();

    // The studio's Settings dialog stores the token this way.
    TokenStore store;
    QSignalSpy written(&store, &TokenStore::written);
    store.write(QStringLiteral("hf_mock_approved"));
    ASSERT_TRUE(written.wait(10000));
    ASSERT_EQ(written.first().first().toString(), QString());
    QString error;
    EXPECT_EQ(TokenStore::readNow(5000, &error), QStringLiteral("hf_mock_approved")) << error.toStdString();

    hub.hub.clearLog();
    r = refresh(keyring, hub);
    EXPECT_EQ(r.exitCode, 0) << r.err.toStdString();
    EXPECT_TRUE(r.out.contains("1 of 1 models refreshed")) << r.out.toStdString();
    int authorized = 0;
    for (const mock::MockRequestLog &e : hub.hub.requests()) {
        authorized += e.authorization == "Bearer hf_mock_approved" ? 1 : 0;
        EXPECT_TRUE(e.origin == QLatin1String("hub") || e.authorization.isEmpty()) << "token sent to the CDN";
    }
    EXPECT_GT(authorized, 0);

    // HF_TOKEN wins over the keychain: this one is valid but not approved for the gated repo.
    r = refresh(keyring, hub, QStringLiteral("hf_mock_user"));
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("not in the authorized list")) << r.err.toStdString();

    // Forgotten in the studio: anonymous again.
    QSignalSpy removed(&store, &TokenStore::removed);
    store.remove();
    ASSERT_TRUE(removed.wait(10000));
    r = refresh(keyring, hub);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_TRUE(r.err.contains("gated repository")) << r.err.toStdString();
}
