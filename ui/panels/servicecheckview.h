// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include "app/common/result.h"
#include "app/export/rustcheck.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;
class QTreeWidget;

namespace memspec::ui {

class StudioState;

// The service check in the studio: the same RustCheck::run as `memspec check --source-tree DIR` on the studio's
// reviews, so both give the same verdict, the same differences and the same counts (statics and models). Below
// it, the registry-vs-service mismatches as a list (repo differs, model without a static, static without a
// model) with "Adopt the service's model" for a repo that differs (one undoable step).
//
// Strict by default, as the CI gate is; "Accept values nobody signed off" is check's --allow-unapproved.
//
// Object names: serviceCheckView, serviceCheckRun, serviceCheckAllowUnapproved, serviceCheckVerdict,
// serviceCheckDifferences, serviceMismatchList, serviceMismatchAdopt.
class ServiceCheckView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceCheckView)
public:
    explicit ServiceCheckView(StudioState *state, QWidget *parent = nullptr);

    void setSourceTree(const QString &dir);
    void runCheck(); // async; checked() when the result is in

    // The last check: an error (no folder, no Rust files, unreadable file) or a report. Empty before a check.
    const std::optional<Result<RustCheckReport>> &result() const { return m_result; }
    // Adopts the service's repo for the mismatch at `row` of the list; errors name the model.
    Result<Done> adoptMismatch(int row);

Q_SIGNALS:
    void checked();

private:
    void show(const Result<RustCheckReport> &result);
    void updateAdopt();

    StudioState *m_state;
    QString m_tree;
    quint64 m_generation = 0;
    std::optional<Result<RustCheckReport>> m_result;
    QPushButton *m_run;
    QCheckBox *m_allowUnapproved;
    QLabel *m_verdict;
    QListWidget *m_differences;
    QTreeWidget *m_mismatches;
    QPushButton *m_adopt;
};

} // namespace memspec::ui
