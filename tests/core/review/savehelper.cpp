// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Test-only writer: saves generation 1, 2, 3, ... of a project to argv[1] in a loop until killed, printing each
// generation number after its save committed.
#include "tests/core/review/savehelperproject.h"

#include "app/review/projectfile.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: review_save_helper PROJECT RECOVERY_DIR\n");
        return 2;
    }
    memspec::ProjectFile file(QString::fromLocal8Bit(argv[1]), QString::fromLocal8Bit(argv[2]));
    for (qint64 k = 1;; ++k) {
        auto saved = file.save(memspec::test::savedProject(k), memspec::ProjectFile::SaveMode::Overwrite);
        if (!saved) {
            std::fprintf(stderr, "%s\n", qPrintable(saved.error()));
            return 1;
        }
        std::printf("%lld\n", static_cast<long long>(k));
        std::fflush(stdout);
    }
}
