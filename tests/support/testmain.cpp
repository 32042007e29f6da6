// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// Shared main for every test binary: offscreen platform unless the caller chose one, a QApplication (or a
// QCoreApplication for core-only suites), fixed DPI, and test-mode standard paths so no real settings are touched.
#include <QStandardPaths>

#ifdef MEMSPEC_TEST_GUI
#include <QApplication>
using TestApp = QApplication;
#else
#include <QCoreApplication>
using TestApp = QCoreApplication;
#endif

#include <gtest/gtest.h>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    qputenv("QT_FONT_DPI", "96");
    if (qEnvironmentVariableIsEmpty("MEMSPEC_SOURCE_DIR")) {
        qputenv("MEMSPEC_SOURCE_DIR", MEMSPEC_SOURCE_DIR_DEFAULT);
    }
    // Private homes for this test run and the processes it starts.
    const QByteArray home = QByteArrayLiteral(MEMSPEC_BUILD_DIR "/test-home/");
    for (const char *var : {"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "HF_HOME"}) {
        qputenv(var, home + QByteArray(var).toLower());
    }
    QStandardPaths::setTestModeEnabled(true);
    TestApp app(argc, argv);
    TestApp::setOrganizationName(QStringLiteral("MemSpecTest"));
    TestApp::setApplicationName(QStringLiteral("memspec-tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
