// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "tests/support/modeltester.h"

#include "app/review/workspace.h"
#include "app/settings/settings.h"

#include "ui/mainwindow.h"
#include "ui/models/breakdownmodel.h"
#include "ui/models/itemroles.h"
#include "ui/models/modellistmodel.h"
#include "ui/support/studiostate.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <gtest/gtest.h>
#include <memory>
#include <utility>
#include <vector>

namespace memspec::test {

// A copy of the fixture service tree in `dir`, so applying a patch never touches the repository.
inline QString copyServiceTree(const QString &dir)
{
    const QString src = QStringLiteral(TEST_DATA_DIR "/rust-service");
    QDirIterator it(src, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        const QString dst = dir + QLatin1Char('/') + QDir(src).relativeFilePath(f);
        QDir().mkpath(QFileInfo(dst).path());
        QFile::copy(f, dst);
    }
    return dir;
}

// A studio on the bundled registry with settings in a temporary file; every Qt model of the window is under
// QAbstractItemModelTester for the fixture's lifetime.
class StudioFixture : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        settings = std::make_unique<Settings>(m_dir.filePath(QStringLiteral("settings.ini")));
        auto ws = Workspace::openBundled();
        ASSERT_TRUE(ws.ok()) << qPrintable(ws.error());
        state = std::make_unique<ui::StudioState>(ws.value(), settings.get());
        window = openWindow();
    }

    // A window on the fixture's state, every model of it under a tester until closeWindow().
    std::unique_ptr<ui::MainWindow> openWindow()
    {
        auto w = std::make_unique<ui::MainWindow>(state.get(), settings.get());
        for (QAbstractItemView *v : w->findChildren<QAbstractItemView *>()) {
            if (v->model()) {
                m_testers.emplace_back(w.get(), testModel(v->model()));
            }
        }
        w->show();
        return w;
    }

    // Destroys a window, the testers of its models first. A tester must not outlive its model: a QListWidget resets
    // its model as it is destroyed, and a tester still connected reads the half-destroyed widget (the segfault of a
    // test that destroyed `window` while a second window lived).
    void closeWindow(std::unique_ptr<ui::MainWindow> &w)
    {
        std::erase_if(m_testers, [&w](const auto &t) { return t.first == w.get(); });
        w.reset();
    }

    QTableView *breakdownTable() const { return window->findChild<QTableView *>(QStringLiteral("breakdownTable")); }

    // Total bytes shown in the breakdown table's last row.
    qint64 shownTotalBytes() const
    {
        QAbstractItemModel *m = breakdownTable()->model();
        return m->index(m->rowCount() - 1, 0).data(ui::BytesRole).toLongLong();
    }

    // Waits until the asynchronous recompute after an edit has landed.
    bool waitForRecompute()
    {
        QSignalSpy spy(state.get(), &ui::StudioState::reviewsChanged);
        return spy.wait(10000);
    }

    QString dirPath() const { return m_dir.path(); }

    std::unique_ptr<Settings> settings;
    std::unique_ptr<ui::StudioState> state;
    std::unique_ptr<ui::MainWindow> window;

private:
    QTemporaryDir m_dir;
    std::vector<std::pair<const ui::MainWindow *, std::unique_ptr<QAbstractItemModelTester>>> m_testers;
};

} // namespace memspec::test
