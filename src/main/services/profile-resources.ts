/**
 * The files each profile owns — its call library, recording cache, "make available offline"
 * jobs and QA store — opened on first use and closed when the profile's data is removed or the
 * app quits, so that profiles never see each other's data.
 *
 * A profile's offline job runs only while that profile is the signed-in one. When it is not
 * (signed out, another profile active) the job is abandoned rather than failed: it stays marked
 * running in the library and carries on the next time the profile opens, in this run or after a
 * restart (SyncJobs#resumeInterrupted).
 */
import type { CallQueryInput } from '@shared/convirza/query'
import { INCLUDE_MODULES, type CallRecord, type IncludeModule } from '@shared/convirza/schemas'
import { AppError } from '@shared/errors'
import type { SyncProgress } from '@shared/ipc/contract'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { CallLibrary } from './library/call-library'
import { deleteLibraryFiles, LIBRARY_DATABASE_FILE } from './library/database'
import { RECORDINGS_FOLDER, RecordingCache, type OpenRecording } from './library/recording-cache'
import { SyncJobs } from './library/sync-jobs'
import { QaRepositories } from './qa/qa-repositories'
import type { QaRepository } from './qa/qa-repository'
import { qaHealth, recoverQa } from './qa/qa-recovery'
import type { QaHealth } from '@shared/ipc/contract/qa-recovery'
import type { Logger } from './log'

/** What a profile's library asks of the API: ConvirzaClient, signed in as that profile. */
export interface ProfileApi {
  listCalls(input: CallQueryInput, opts: { signal?: AbortSignal }): Promise<{ total: number; calls: readonly CallRecord[] }>
  /** One call with the modules asked for; null when the server does not have it. */
  getCall(callId: number, include: IncludeModule[], opts: { signal?: AbortSignal }): Promise<CallRecord | null>
  openRecording: OpenRecording
}

export interface ProfileResourcesOptions {
  log: Logger
  clock: () => Date
  /** The API for the profile in `profileDir`; throws `not_signed_in` when that profile is not the signed-in one. */
  api: (profileDir: string) => ProfileApi
  /** Progress of a profile's offline job (the `sync:progress` event). */
  emit: (progress: SyncProgress) => void
}

export class ProfileResources {
  private readonly libraries = new Map<string, CallLibrary>()
  private readonly caches = new Map<string, RecordingCache>()
  private readonly jobs = new Map<string, SyncJobs>()
  private readonly qaRepositories: QaRepositories

  constructor(private readonly options: ProfileResourcesOptions) {
    this.qaRepositories = new QaRepositories(options.clock)
  }

  library(profileDir: string): CallLibrary {
    let library = this.libraries.get(profileDir)
    if (!library) {
      library = new CallLibrary(profileDir, { log: this.options.log })
      this.libraries.set(profileDir, library)
    }
    return library
  }

  recordings(profileDir: string): RecordingCache {
    let cache = this.caches.get(profileDir)
    if (!cache) {
      cache = new RecordingCache({
        profileDir,
        library: this.library(profileDir),
        openRecording: (call, opts) => this.api(profileDir).openRecording(call, opts),
        clock: this.options.clock,
        log: this.options.log
      })
      this.caches.set(profileDir, cache)
    }
    return cache
  }

  /** The profile's offline jobs; the first time, a job the app was closed or killed during carries on (if the profile is signed in). */
  syncJobs(profileDir: string): SyncJobs {
    let jobs = this.jobs.get(profileDir)
    if (!jobs) {
      jobs = new SyncJobs({
        library: this.library(profileDir),
        cache: this.recordings(profileDir),
        listPage: (input, signal) => this.api(profileDir).listCalls(input, { signal }),
        getCall: (callId, signal) => this.api(profileDir).getCall(callId, [...INCLUDE_MODULES], { signal }),
        emit: this.options.emit,
        clock: this.options.clock,
        log: this.options.log
      })
      this.jobs.set(profileDir, jobs)
      this.resume(profileDir, jobs)
    }
    return jobs
  }

  /**
   * "Clear cached data": every cached call, recording and offline job of the profile (its QA
   * work stays). A running job is cancelled first, or it would store things again as they go.
   * A library that no longer opens (damaged, or from a newer version) cannot clear itself, and
   * its own error tells the user to clear it: then its files are deleted, and the next use
   * starts a fresh one.
   */
  async clearCachedData(profileDir: string): Promise<void> {
    let jobs: SyncJobs
    try {
      jobs = this.syncJobs(profileDir)
    } catch (error) {
      this.options.log.warn('library: the offline library does not open; deleting its files to start afresh', { error })
      await this.close(profileDir)
      deleteLibraryFiles(join(profileDir, LIBRARY_DATABASE_FILE))
      rmSync(join(profileDir, RECORDINGS_FOLDER), { recursive: true, force: true })
      return
    }
    const running = jobs.status()
    if (running?.state === 'running') await jobs.cancel(running.jobId)
    // A page just shown from the API is still being written: cleared after, not stored again after.
    await this.library(profileDir).whenShownStored()
    await this.recordings(profileDir).clear()
    this.library(profileDir).clear()
  }

  qa(profileDir: string): QaRepository {
    return this.qaRepositories.forProfile(profileDir)
  }

  /** Whether the profile's QA database opens, and if not why and from what it can be restored. */
  qaHealth(profileDir: string): QaHealth {
    return qaHealth(this.qaRepositories, profileDir)
  }

  /** At the user's word: move a damaged QA database aside and restore its newest backup, or start afresh. */
  recoverQa(profileDir: string, action: 'restoreBackup' | 'startAfresh'): { health: QaHealth; movedTo: string } {
    return recoverQa(this.qaRepositories, profileDir, action, this.options.clock())
  }

  /** The profile became the signed-in one: carry on its interrupted offline job, if any. */
  open(profileDir: string): void {
    this.resume(profileDir, this.syncJobs(profileDir))
  }

  /** Stop the profile's offline job and downloads, keeping the job to carry on when the profile opens again. */
  async suspend(profileDir: string): Promise<void> {
    const jobs = this.jobs.get(profileDir)
    jobs?.abandon()
    await jobs?.idle()
    await this.caches.get(profileDir)?.close()
  }

  /** Every profile but this one (null: all of them) stops its job and downloads. */
  async suspendAllBut(profileDir: string | null): Promise<void> {
    for (const dir of new Set([...this.jobs.keys(), ...this.caches.keys()])) if (dir !== profileDir) await this.suspend(dir)
  }

  /** Close everything that holds files in this profile's folder. */
  async close(profileDir: string): Promise<void> {
    await this.suspend(profileDir)
    this.jobs.delete(profileDir)
    this.caches.delete(profileDir)
    // A page just shown from the API is stored before its library closes (a quit, a profile switch).
    await this.libraries.get(profileDir)?.whenShownStored()
    this.libraries.get(profileDir)?.close()
    this.libraries.delete(profileDir)
    this.qaRepositories.close(profileDir)
  }

  async closeAll(): Promise<void> {
    for (const dir of new Set([...this.jobs.keys(), ...this.caches.keys(), ...this.libraries.keys()])) await this.close(dir)
    this.qaRepositories.closeAll()
  }

  /** Carry on an interrupted job only while the profile is signed in; otherwise it waits for the next open. */
  private resume(profileDir: string, jobs: SyncJobs): void {
    try {
      this.options.api(profileDir)
    } catch {
      return
    }
    jobs.resumeInterrupted()
  }

  /**
   * The profile's API. When it is not signed in, its running job is abandoned before the
   * error reaches it, so the job waits for the profile to open again instead of failing.
   */
  private api(profileDir: string): ProfileApi {
    try {
      return this.options.api(profileDir)
    } catch (error) {
      if (error instanceof AppError && error.kind === 'not_signed_in') this.jobs.get(profileDir)?.abandon()
      throw error
    }
  }
}
