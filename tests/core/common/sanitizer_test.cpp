// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The ci-asan run is worth something only if AddressSanitizer and UBSan are really compiled in and stop the process
// at the first error: a preset that lost its flags would otherwise pass every test quietly.
#include "tests/support/sanitizers.h"

#include <climits>
#include <gtest/gtest.h>

namespace {

#ifdef MEMSPEC_EXPECT_SANITIZERS
constexpr bool kAsked = true;
#else
constexpr bool kAsked = false;
#endif

// Out of the optimiser's sight, so the faults below happen at run time.
volatile int g_index = 0;
volatile int g_large = INT_MAX;

// The death tests need a sanitizer build; Sanitizers.OnExactlyWhenTheBuildAsksForThem fails where one was asked for
// and is missing.
class SanitizersDeathTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        if (!memspec::test::kAddressSanitizer) {
            GTEST_SKIP() << "not a sanitizer build (see Sanitizers.OnExactlyWhenTheBuildAsksForThem)";
        }
        GTEST_FLAG_SET(death_test_style, "threadsafe");
    }
};

} // namespace

TEST(Sanitizers, OnExactlyWhenTheBuildAsksForThem)
{
    EXPECT_EQ(memspec::test::kAddressSanitizer, kAsked)
        << "MEMSPEC_ENABLE_ASAN is " << (kAsked ? "ON" : "OFF") << " but this binary "
        << (memspec::test::kAddressSanitizer ? "has" : "lacks") << " AddressSanitizer";
}

TEST_F(SanitizersDeathTest, AddressSanitizerStopsAUseAfterFree)
{
    EXPECT_DEATH(
        {
            char *volatile block = new char[4]; // volatile: the compiler cannot see the use after free
            delete[] block;
            block[g_index] = 1;
        },
        "heap-use-after-free");
}

TEST_F(SanitizersDeathTest, UndefinedBehaviourSanitizerStopsASignedOverflow)
{
    EXPECT_DEATH({ g_large = g_large + 1; }, "signed integer overflow");
}
