// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/review/workspace.h"
#include "app/settings/settings.h"
#include "ui/mainwindow.h"
#include "ui/studiooptions.h"
#include "ui/support/studiostate.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication::setHighDpiScaleFactorRoundingPolicy(Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("memspec-studio"));
    QApplication::setOrganizationName(QStringLiteral("MemSpec"));
    QApplication::setApplicationVersion(QStringLiteral(MEMSPEC_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.memspec.Studio"));

    memspec::ui::StudioOptions options;
    QString error;
    if (!memspec::ui::StudioOptions::parse(QApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "memspec-studio: %s\n", qPrintable(error));
        return 2;
    }
    auto workspace = options.project.isEmpty() ? memspec::Workspace::openBundled() : memspec::Workspace::open(options.project);
    if (!workspace) {
        std::fprintf(stderr, "memspec-studio: %s\n", qPrintable(workspace.error()));
        return 1;
    }
    memspec::Settings settings;
    memspec::ui::StudioState state(std::move(workspace).value(), &settings);
    memspec::ui::MainWindow window(&state, &settings);
    window.showView(options.view);
    if (!options.select.isEmpty() && !window.selectModel(options.select)) {
        std::fprintf(stderr, "memspec-studio: unknown model \"%s\"\n", qPrintable(options.select));
        return 1;
    }
    window.show();
    if (!options.screenshot.isEmpty()) {
        // Render after the first layout pass so the screenshot shows what a user sees.
        QTimer::singleShot(200, &window, [&]() {
            const bool ok = window.grab().save(options.screenshot);
            if (!ok) {
                std::fprintf(stderr, "memspec-studio: cannot write %s\n", qPrintable(options.screenshot));
            }
            QApplication::exit(ok ? 0 : 1);
        });
    }
    return QApplication::exec();
}
