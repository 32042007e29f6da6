// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// A value-parameterised test named after its value ("file:///proc/self/environ" → file_proc_self_environ), so that
// ctest's name is readable and the same in every run (tests/CMakeLists.txt discovers with NO_PRETTY_VALUES: a
// printed value may hold an address, which changes from run to run and breaks `ctest --rerun-failed`).
#pragma once

#include <string>

namespace memspec::test {

inline std::string identifierOf(const std::string &value)
{
    std::string out;
    for (const char c : value) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            out += c;
        } else if (!out.empty() && out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.back() == '_') {
        out.pop_back();
    }
    return out.empty() ? std::string("empty") : out;
}

} // namespace memspec::test
