// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// The one pool rule and its inverses, on hand-computed figures.
#include "app/budget/poolrule.h"

#include <gtest/gtest.h>

using namespace memspec;

TEST(PoolRule, LimitIsEightyPercentRoundedDownMinusReserve)
{
    // H100 80GB as nvidia-smi reports it: floor(81,559 × 0.8) = floor(65,247.2) = 65,247; − 2,048 = 63,199.
    EXPECT_EQ(PoolRule::limitMib(81559), 63199);
    // floor(76,293 × 0.8) = 61,034; − 2,048 = 58,986.
    EXPECT_EQ(PoolRule::limitMib(76293, 2048), 58986);
    EXPECT_EQ(PoolRule::limitMib(24000, 0), 19200);
    // A reserve larger than 80 % leaves a negative limit: nothing with a figure fits.
    EXPECT_EQ(PoolRule::limitMib(2000, 2048), -448);
}

TEST(PoolRule, AdmitsAtTheLimitAndNotOneMiBAbove)
{
    EXPECT_TRUE(PoolRule::admits(60000, 3199, 81559));
    EXPECT_FALSE(PoolRule::admits(60000, 3200, 81559));
    EXPECT_FALSE(PoolRule::admits(0, 0, 2000)); // limit −448: even nothing is over it
}

TEST(PoolRule, CapacityForIsTheSmallestCapacityThatHoldsTheLoad)
{
    // 0.8 × 6,560 − 2,048 = 3,200 exactly: one worker of 3,200 MiB; 6,559 holds only 3,199.
    EXPECT_EQ(PoolRule::capacityFor(3200), 6560);
    EXPECT_EQ(PoolRule::limitMib(6559), 3199);
    EXPECT_EQ(PoolRule::capacityFor(6400), 10560);
    // Not a multiple of 4: (3,201 + 2,048) × 5 / 4 = 6,561.25 → 6,562; floor(6,562 × 0.8) − 2,048 = 3,201.
    EXPECT_EQ(PoolRule::capacityFor(3201), 6562);
    EXPECT_EQ(PoolRule::limitMib(6561), 3200);
    for (qint64 need : {1, 99, 4095, 63199, 715300}) {
        const qint64 c = PoolRule::capacityFor(need);
        EXPECT_GE(PoolRule::limitMib(c), need) << need;
        EXPECT_LT(PoolRule::limitMib(c - 1), need) << need;
    }
}

TEST(PoolRule, MaxPerWorkerIsTheInverseForNWorkersBesideACoLoad)
{
    EXPECT_EQ(PoolRule::maxPerWorkerMib(81559, 1), 63199);
    // Two workers: floor(63,199 / 2) = 31,599; 2 × 31,599 = 63,198 fits, 2 × 31,600 does not.
    EXPECT_EQ(PoolRule::maxPerWorkerMib(81559, 2), 31599);
    EXPECT_TRUE(PoolRule::admits(31599, 31599, 81559));
    EXPECT_FALSE(PoolRule::admits(31600, 31600, 81559));
    // Beside 10,000 MiB already allocated, three workers: floor(53,199 / 3) = 17,733.
    EXPECT_EQ(PoolRule::maxPerWorkerMib(81559, 3, 10000), 17733);
    // A co-load over the limit leaves no room at all.
    EXPECT_LT(PoolRule::maxPerWorkerMib(81559, 1, 70000), 0);
}
