// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "app/review/workspace.h"
#include "app/settings/settings.h"

#include "ui/mainwindow.h"
#include "ui/studiooptions.h"
#include "ui/support/projectactions.h"
#include "ui/support/studiostate.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

namespace {

// Milliseconds since the process started (exec), from /proc/self/stat and /proc/uptime; -1 when unknown.
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray s = stat.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 (starttime), counted after the comm field
    const double up = uptime.readAll().split(' ').value(0).toDouble();
    return (up - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

// MEMSPEC_STUDIO_TIMING=1: print the time to the first painted frame of the main window, then quit (benchmark).
class FirstPaintProbe final : public QObject
{
public:
    explicit FirstPaintProbe(QElapsedTimer sinceMain) : m_sinceMain(sinceMain) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTimer::singleShot(0, this, [this]() { // after this frame is complete
                std::fprintf(stderr, "memspec-studio: first paint %.0f ms after exec (%lld ms after main)\n",
                             msSinceProcessStart(), static_cast<long long>(m_sinceMain.elapsed()));
                QApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer m_sinceMain;
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    // --help and --version answer before any window system is needed (they work without a display).
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--help" || a == "-h") {
            std::fputs(qPrintable(memspec::ui::StudioOptions::usage()), stdout);
            return 0;
        }
        if (a == "--version" || a == "-v") {
            std::printf("memspec-studio %s\n", MEMSPEC_VERSION);
            return 0;
        }
    }
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
    memspec::Settings settings;
    // Facts refreshed earlier (by the studio or `memspec refresh`) live in the cache folder and replace the bundled
    // ones. Without --project the studio works on the default project (shared with the CLI), so a review is always
    // saved.
    auto startup = memspec::ui::ProjectActions::openAtStart(options.project, settings.cacheDir());
    if (!startup) {
        std::fprintf(stderr, "memspec-studio: %s\n", qPrintable(startup.error()));
        return 1;
    }
    memspec::Workspace workspace = std::move(startup.value().workspace);
    const QString startupError = startup->error;
    // With no --select the first model is shown, so the window never opens on an empty breakdown.
    const QString firstKey =
        workspace.registry().entries().isEmpty() ? QString() : workspace.registry().entries().first().key;
    memspec::ui::StudioState state(std::move(workspace), &settings);
    memspec::ui::MainWindow window(&state, &settings);
    window.showView(options.view);
    if (!options.select.isEmpty() && !window.selectModel(options.select)) {
        std::fprintf(stderr, "memspec-studio: unknown model \"%s\"\n", qPrintable(options.select));
        return 1;
    }
    if (options.select.isEmpty() && !firstKey.isEmpty()) {
        window.selectModel(firstKey);
    }
    FirstPaintProbe probe(sinceMain);
    if (!qEnvironmentVariableIsEmpty("MEMSPEC_STUDIO_TIMING")) {
        window.installEventFilter(&probe);
    }
    window.show();
    const bool unattended = !options.screenshot.isEmpty() || !qEnvironmentVariableIsEmpty("MEMSPEC_STUDIO_TIMING");
    if (unattended) {
        if (!startupError.isEmpty()) {
            std::fprintf(stderr, "memspec-studio: %s (opened without it)\n", qPrintable(startupError));
        }
    } else {
        // Once the window is up: a project that could not be read is explained, a recovery file is offered.
        QTimer::singleShot(0, &window, [&]() { window.projectActions()->startupChecks(startupError); });
    }
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
