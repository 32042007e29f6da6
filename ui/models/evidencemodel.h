// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>

namespace memspec::ui {

// Memory statements found in a model's card, shown as evidence beside the computed figure: the statement, the
// figure it states converted to MiB (in the unit printed: "3.2 GB" = 3.2 × 10⁹ B; the upper bound of a range),
// and where it was found.
class EvidenceModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvidenceModel)
public:
    enum Column { StatementColumn, FigureColumn, SourceColumn, ColumnCount };

    struct Item
    {
        QString statement;
        qint64 bytes = -1; // -1: no figure found in the statement
        QString source;
    };

    explicit EvidenceModel(QObject *parent = nullptr);

    void setStatements(const QJsonArray &statements); // [{"quote", "url"}...] as in ModelFacts::cardStatements
    void setItems(const QList<Item> &items);
    void setComputedBytes(qint64 bytes);
    const QList<Item> &items() const { return m_items; }

    // The largest memory figure in a sentence ("~24 GB VRAM", "16-24 GB" → 24 × 10⁹), or -1.
    static qint64 figureIn(const QString &text);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Item> m_items;
    qint64 m_computed = 0;
};

} // namespace memspec::ui
