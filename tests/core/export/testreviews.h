// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
// A fixed, hand-built set of reviews for the export tests and goldens: independent of the estimator and the bundled
// snapshot, so the goldens change only when an exporter does. Covers every status: approved (Stella), overridden
// (Phi-4 via its code alias), estimated with text that needs escaping (CLIP), stale (SD 3.5).
#pragma once

#include "app/export/exportinput.h"
#include "app/facts/modelfacts.h"
#include "app/review/modelreview.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>
#include <QString>

namespace memspec::testdata {

QList<ModelReview> reviews();
ModelFacts stellaFacts();
ExportInput input();
// Every review approved at its effective value (for check-passes tests).
QList<ModelReview> allApproved(QList<ModelReview> reviews);
// A review for any registry key at a given value, approved (by "Ana Reviewer") or not; CLIP's shape otherwise.
ModelReview reviewFor(const char *key, qint64 mib, bool approved);

QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &bytes);
// Copies a folder tree (the Rust fixture) into dst.
bool copyTree(const QString &src, const QString &dst);
QString fixtureTree(); // tests/data/rust-service

} // namespace memspec::testdata
