// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tests/support/modeltester.h"

#include "app/settings/settings.h"

#include "ui/mainwindow.h"
#include "ui/models/breakdownmodel.h"
#include "ui/models/modellistmodel.h"
#include "ui/support/studiostate.h"

#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>

#include <gtest/gtest.h>

using namespace memspec;

TEST(MainWindow, ShowsTwelveModelsAndFillsBreakdownOnSelect)
{
    auto ws = Workspace::openBundled();
    ASSERT_TRUE(ws.ok());
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    ui::StudioState state(ws.value(), &settings);
    ui::MainWindow w(&state, &settings);
    auto tester = test::testModel(w.modelList());
    w.show();
    auto *list = w.findChild<QTreeView *>(QStringLiteral("modelList"));
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(w.modelList()->modelCount(), 12);

    auto *table = w.findChild<QTableView *>(QStringLiteral("breakdownTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_EQ(table->model()->rowCount(), 0);
    auto breakdownTester = test::testModel(table->model());
    ASSERT_TRUE(w.selectModel(QStringLiteral("sentence-transformers/all-MiniLM-L6-v2")));
    EXPECT_EQ(table->model()->rowCount(), 6); // five lines + total
    auto *value = w.findChild<QLabel *>(QStringLiteral("estimateValue"));
    ASSERT_NE(value, nullptr);
    EXPECT_TRUE(value->text().contains(QStringLiteral("est_memory_allocation_mb")));
}
