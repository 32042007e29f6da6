// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace memspec::ui {

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent), m_label(new QLabel(this)), m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_label->setObjectName(QStringLiteral("messageBannerText"));
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Dismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    connect(m_close, &QToolButton::clicked, this, [this]() {
        m_lines.clear();
        hide();
    });
    hide();
}

void MessageBanner::showMessage(Kind kind, const QString &text)
{
    m_lines.clear();
    appendMessage(kind, text);
}

void MessageBanner::appendMessage(Kind kind, const QString &text)
{
    if (m_lines.isEmpty() || kind > m_kind) {
        m_kind = kind;
    }
    m_lines << text;
    m_label->setText(m_lines.join(QLatin1Char('\n')));
    applyKind();
    show();
}

QString MessageBanner::text() const
{
    return m_label->text();
}

void MessageBanner::applyKind()
{
    QColor tint = m_kind == Kind::Error     ? QColor(0xdc, 0x35, 0x45)
                  : m_kind == Kind::Warning ? QColor(0xe0, 0x8a, 0x00)
                                            : QColor(0x3b, 0x82, 0xf6);
    QPalette p = parentWidget() ? parentWidget()->palette() : palette();
    const QColor base = p.color(QPalette::Window);
    auto mix = [](const QColor &a, const QColor &b, double t) {
        return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                                float(a.blueF() * (1 - t) + b.blueF() * t));
    };
    p.setColor(QPalette::Window, mix(base, tint, 0.22));
    setPalette(p);
}

} // namespace memspec::ui
