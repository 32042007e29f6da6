// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Model ▸ Add model… reads a gated repo with the token stored only in the OS keychain (the Settings dialog's), as
// `memspec add` and Refresh do: a private D-Bus session with gnome-keyring, the in-process mock hub, no HF_TOKEN and
// no token file.
#include "hubstudiofixture.h"

#include "app/keychain/tokenstore.h"
#include "tests/core/keychain/privatekeyring.h"
#include "ui/dialogs/addmodeldialog.h"
#include "ui/support/registryactions.h"

#include <QAction>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>

using namespace memspec;

namespace {

const QString kGatedRepo = QStringLiteral("mockorg/gated-chat");

class StudioKeychain : public test::HubStudioFixture
{
protected:
    void SetUp() override
    {
        if (!TokenStore::keychainAvailable()) {
            GTEST_SKIP() << "this build has no qtkeychain";
        }
        keyring = std::make_unique<test::PrivateKeyring>();
        if (!keyring->missing.isEmpty()) {
            GTEST_SKIP() << keyring->missing.toStdString();
        }
        HubStudioFixture::SetUp();
        // No HF_TOKEN and no token file: only the keychain can give a token.
        qunsetenv("HF_TOKEN");
        qunsetenv("HUGGING_FACE_HUB_TOKEN");
        qputenv("HF_TOKEN_PATH", "/nonexistent-token");
        qputenv("HF_HUB_CACHE", "/nonexistent-hf-cache");
    }

    void TearDown() override
    {
        HubStudioFixture::TearDown();
        qunsetenv("HF_TOKEN_PATH");
        qunsetenv("HF_HUB_CACHE");
    }

    // Add model… on the gated repo: lists it, picks its one weight choice and reads the headers; the dialog at the end.
    ui::AddModelDialog *addGated()
    {
        window->registryActions()->addAction()->trigger();
        ui::AddModelDialog *d = window->registryActions()->openDialog();
        EXPECT_NE(d, nullptr);
        if (!d) {
            return nullptr;
        }
        d->findChild<QLineEdit *>(QStringLiteral("addModelRepo"))->setText(kGatedRepo);
        d->listFiles();
        EXPECT_TRUE(QTest::qWaitFor([d] { return !d->isBusy(); }, 20000));
        EXPECT_EQ(d->findChild<QListWidget *>(QStringLiteral("addModelChoices"))->count(), 1) << d->message().toStdString();
        d->accept();
        EXPECT_TRUE(QTest::qWaitFor([d] { return !d->isBusy(); }, 20000));
        return d;
    }

    std::unique_ptr<test::PrivateKeyring> keyring;
};

} // namespace

TEST_F(StudioKeychain, AddModelReadsAGatedRepoWithTheTokenStoredOnlyInTheKeychain)
{
    // Nothing stored: anonymous, and the gated repo's headers are refused.
    QPointer<ui::AddModelDialog> d = addGated();
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->message().contains(QStringLiteral("gated"))) << d->message().toStdString();
    EXPECT_EQ(window->modelList()->modelCount(), 12);
    d->reject();
    QTest::qWait(0);

    // The Settings dialog stores the token this way.
    TokenStore store;
    QSignalSpy written(&store, &TokenStore::written);
    store.write(QStringLiteral("hf_mock_approved"));
    ASSERT_TRUE(written.wait(10000));
    ASSERT_EQ(written.first().first().toString(), QString());

    hub.clearLog();
    d = addGated();
    ASSERT_TRUE(QTest::qWaitFor([this] { return window->modelList()->modelCount() == 13; }, 20000)) << (d ? d->message().toStdString() : "");
    EXPECT_TRUE(state->review(kGatedRepo).has_value());
    int authorized = 0;
    for (const mock::MockRequestLog &e : hub.requests()) {
        authorized += e.authorization == "Bearer hf_mock_approved" ? 1 : 0;
        EXPECT_TRUE(e.origin == QLatin1String("hub") || e.authorization.isEmpty()) << "token sent to the CDN";
    }
    EXPECT_GT(authorized, 0);
}
