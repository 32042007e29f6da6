// SPDX-FileCopyrightText: MemSpec Studio authors
// SPDX-License-Identifier: MIT
#include "tokenstore.h"

#include "app/settings/settings.h"

#include <QEventLoop>
#include <QTimer>

#ifdef MEMSPEC_HAVE_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace memspec {

namespace {
const QString kService = QStringLiteral("io.github.memspec.Studio");
const QString kKey = QStringLiteral("huggingface-token");
} // namespace

TokenStore::TokenStore(QObject *parent) : QObject(parent) {}

bool TokenStore::keychainAvailable()
{
#ifdef MEMSPEC_HAVE_KEYCHAIN
    return true;
#else
    return false;
#endif
}

bool TokenStore::environmentTokenInUse()
{
    return Settings::environmentTokenInUse();
}

QString TokenStore::readNow(int timeoutMs, QString *error)
{
#ifdef MEMSPEC_HAVE_KEYCHAIN
    QKeychain::ReadPasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(kKey);
    QEventLoop loop;
    bool done = false;
    connect(&job, &QKeychain::Job::finished, &loop, [&]() {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    job.start();
    if (!done) {
        loop.exec();
    }
    if (!done) {
        *error = tr("the keychain did not answer within %1 ms").arg(timeoutMs);
        return {};
    }
    // Nothing stored, or no keychain service at all (a headless box, CI): not an error for a command line.
    if (job.error() == QKeychain::EntryNotFound || job.error() == QKeychain::NoBackendAvailable) {
        return {};
    }
    if (job.error() != QKeychain::NoError) {
        *error = tr("keychain: %1").arg(job.errorString());
        return {};
    }
    return job.textData();
#else
    Q_UNUSED(timeoutMs)
    Q_UNUSED(error)
    return {};
#endif
}

void TokenStore::read()
{
#ifdef MEMSPEC_HAVE_KEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(kKey);
    connect(job, &QKeychain::Job::finished, this, [this, job]() {
        if (job->error() == QKeychain::EntryNotFound) {
            Q_EMIT tokenRead({}, {});
        } else if (job->error() != QKeychain::NoError) {
            Q_EMIT tokenRead({}, tr("keychain: %1").arg(job->errorString()));
        } else {
            Q_EMIT tokenRead(job->textData(), {});
        }
    });
    job->start();
#else
    QTimer::singleShot(0, this, [this]() { Q_EMIT tokenRead({}, tr("this build has no keychain support")); });
#endif
}

void TokenStore::write(const QString &token)
{
#ifdef MEMSPEC_HAVE_KEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(kKey);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job]() {
        Q_EMIT written(job->error() == QKeychain::NoError ? QString() : tr("keychain: %1").arg(job->errorString()));
    });
    job->start();
#else
    Q_UNUSED(token)
    QTimer::singleShot(0, this, [this]() { Q_EMIT written(tr("this build has no keychain support")); });
#endif
}

void TokenStore::remove()
{
#ifdef MEMSPEC_HAVE_KEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(kKey);
    connect(job, &QKeychain::Job::finished, this, [this, job]() {
        const bool ok = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        Q_EMIT removed(ok ? QString() : tr("keychain: %1").arg(job->errorString()));
    });
    job->start();
#else
    QTimer::singleShot(0, this, [this]() { Q_EMIT removed(tr("this build has no keychain support")); });
#endif
}

} // namespace memspec
