// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// What a test may expect of its own build when it runs under AddressSanitizer (the ci-asan preset): memory checks
// stay, but a process's peak RSS is ASan's (shadow memory, freed blocks held in quarantine) rather than ours, and
// everything runs about two to three times slower.
#pragma once

namespace memspec::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kAddressSanitizer = true;
#else
inline constexpr bool kAddressSanitizer = false;
#endif
#else
inline constexpr bool kAddressSanitizer = false;
#endif

// Peak-RSS bounds hold for the product's build; under ASan they measure the sanitizer, so such a test checks the
// bound only where it means something (the ci preset runs every one of them).
inline constexpr bool kPeakRssIsOurs = !kAddressSanitizer;

// The factor by which timing slack (idle timeouts of the turned-down retry knobs) grows under ASan.
inline constexpr int kSlowdown = kAddressSanitizer ? 3 : 1;

} // namespace memspec::test
