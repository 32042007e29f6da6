// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "studiofixture.h"
#include "tests/mockhub/mockhub.h"
#include "tests/support/fastretry.h"

namespace memspec::test {

// A studio whose settings point at the in-process mock hub (a real HTTP server on 127.0.0.1), with a token of a
// valid user without access to gated repos (keeps the keychain out) and tiny retry delays.
class HubStudioFixture : public StudioFixture
{
protected:
    void SetUp() override
    {
        qputenv("HF_TOKEN", "hf_mock_user");
        putFastRetry();
        ASSERT_TRUE(hub.start());
        StudioFixture::SetUp();
        settings->setValue(Settings::Key::Endpoint, hub.hubUrl().toString());
        settings->setValue(Settings::Key::CacheDir, QString(dirPath() + QStringLiteral("/cache")));
    }
    void TearDown() override
    {
        qunsetenv("HF_TOKEN");
        unsetFastRetry();
        qunsetenv("MEMSPEC_HUB_DEADLINE");
    }

    mock::MockHub hub;
};

} // namespace memspec::test
