/**
 * Builds every main-process service and the IPC handlers over them. This is what Electron's
 * composition layer (src/main/index.ts) and the browser test harness (test/e2e/harness) both
 * call, so the end-to-end tests exercise the same code the app runs. No `electron` import:
 * everything from the outside world (fetch, paths, clock, keychain) is passed in.
 */
import { join, resolve } from 'node:path'
import { AppError } from '@shared/errors'
import { isLoopbackHost } from '@shared/url-trust'
import type { EventName, EventPayloadOf } from '@shared/ipc/contract'
import { createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher'
import { startDemoServer } from './demo-server/index'
import { createAppHandlers } from './app/handlers'
import { checkDataFolder } from './data-folder'
import { createLibraryHandlers } from './library/handlers'
import { createCallsHandlers, type CallsLibraryPort } from './calls/handlers'
import { callsLibraryPort } from './calls/library-port'
import { createAudioHandlers } from './calls/audio-handlers'
import type { Logger } from './log'
import { PrefsRepository } from './prefs/prefs-repository'
import { createPrefsHandlers } from './prefs/handlers'
import { ProfileResources, type ProfileApi } from './profile-resources'
import { ProfileRepository } from './profiles/profile-repository'
import { createRecordingHandler } from './recording-protocol'
import { callFactsFromRecord, type GetCallFacts } from './qa/export'
import { createQaHandlers } from './qa/handlers'
import { WrittenExports, type ExportFilesPort } from './export-files'
import { KeytarSecretStore } from './secrets/keytar-secret-store'
import type { SecretStore } from './secrets/secret-store'
import { createAuthHandlers } from './session/handlers'
import { SessionManager, type StartDemo } from './session/session-manager'
import { createTeamDashboardHandlers } from './team/team-dashboard-handlers'
import { createTeamHandlers } from './team/team-handlers'
import { KeytarTeamPasswordStore, type TeamPasswordStore } from './team/team-password-store'
import { TemplateSchema } from '@shared/qa/schemas'
import { queueTeamReview, requeueLostReviews, teamAccountOf, type TeamReviewQueueDeps } from './team/team-review-queue'
import { TeamService } from './team/team-service'

export interface AppServicesOptions {
  /** The app data folder: settings, per-profile libraries, recordings. */
  dataDir: string
  host: 'electron' | 'harness'
  version: string
  fetch: typeof fetch
  log: Logger
  /** True only for the app's own renderer. */
  isTrustedSender: (senderUrl: string) => boolean
  /** Push an event to the renderer. */
  emit: <E extends EventName>(event: E, payload: EventPayloadOf<E>) => void
  /** The URL the page uses to play a call's recording (recording:// or loopback HTTP). */
  recordingUrl: (callId: number) => string
  /** Opens an https link in the user's browser (Electron's shell.openExternal; a recorder in the harness). */
  openExternal: (url: string) => Promise<void>
  /** Where the demo's recordings and transcripts are (resources/). */
  resourcesDir?: string
  /** The OS keychain; defaults to keytar under the service "Call Review". */
  keychain?: SecretStore
  /** Starts the embedded demo server; defaults to an in-process one with seeded data. */
  startDemo?: StartDemo
  clock?: () => Date
  /** Told when the renderer opens or closes a QA session (the update policy waits for it to close). */
  onQaSessionActive?: (active: boolean) => void
  /** The Save dialog and shell for QA exports; without it exports go to `<dataDir>/exports`. */
  exportFiles?: ExportFilesPort
  /** Prints a QA report's HTML to PDF (Electron's printToPDF; Playwright's page.pdf in the harness); without it only HTML reports. */
  printToPdf?: (html: string) => Promise<Uint8Array>
  /** Where team database passwords are kept; defaults to keytar under the keychain's service. */
  teamPasswords?: TeamPasswordStore
  /** Waits between team reconnects (tests shorten them). */
  teamRetryDelaysMs?: readonly number[]
}

export interface AppServices {
  dispatch: Dispatch
  /** Answers a recording request (HTTP Range aware) for the recording:// protocol or the harness. */
  serveRecording: (request: Request) => Promise<Response>
  /** The session, for tests and the composition layer. */
  session: SessionManager
  /** The active profile's team connection (optional; off with no team configured). */
  team: TeamService
  close: () => Promise<void>
}

export async function createAppServices(options: AppServicesOptions): Promise<AppServices> {
  const { log, dataDir } = options
  checkDataFolder(dataDir)
  const clock = options.clock ?? (() => new Date())
  const profiles = new ProfileRepository({ dataDir, log, clock })
  const demo = createDemoStarter(options)
  const keychain = options.keychain ?? new KeytarSecretStore({ log })
  const team = new TeamService({
    passwords:
      options.teamPasswords ?? new KeytarTeamPasswordStore({ log, ...(keychain instanceof KeytarSecretStore ? { service: keychain.service } : {}) }),
    log,
    clock,
    onStatus: (status) => options.emit('team:status', status),
    // Published scorecards become local templates, so a reviewer can score with them offline.
    onPulled: (dir, pull) => {
      for (const version of pull.templateVersions) {
        const parsed = TemplateSchema.safeParse(version.definition)
        if (version.publishedAt !== null && parsed.success) resources.qa(dir).importTemplateVersion(parsed.data)
        else if (version.publishedAt !== null) log.warn('team: a published template could not be read', { templateId: version.templateId })
      }
    },
    ...(options.teamRetryDelaysMs ? { retryDelaysMs: options.teamRetryDelaysMs } : {})
  })
  /** A profile's team sync runs while it is the signed-in one; a profile with no team has none. */
  const openTeam = (profileId: string): void => {
    const dir = profiles.profileDir(profileId)
    team
      .open(dir, profileId)
      // A save whose queue entry a crash lost is queued again now (team-review-queue.ts).
      .then(() => requeueLostReviews({ ...teamQueueDeps(), changedSince: (since) => resources.qa(dir).reviewsChangedSince(reviewer(), since) }))
      .catch((error: unknown) => log.warn('team: could not start the team sync', { error }))
  }
  const session = new SessionManager({
    profiles,
    keychain,
    fetch: options.fetch,
    log,
    clock,
    startDemo: demo.start,
    onSignedOutByServer: (state) => options.emit('auth:changed', state),
    onStateChanged: (state) => options.emit('auth:changed', state)
  })
  /** The active profile's folder, or null when there is none. */
  const activeDir = (): string | null => {
    const profile = session.activeProfile()
    return profile ? profiles.profileDir(profile.id) : null
  }
  const resources = new ProfileResources({
    log,
    clock,
    // A profile's library reaches the API only while that profile is the signed-in one.
    api: (dir) => {
      if (activeDir() !== dir) throw new AppError('not_signed_in', 'That account is not the one signed in now.')
      const client = session.client()
      const profile = session.activeProfile()
      return profile?.demo ? onCurrentDemoServer(client, profile.apiBaseUrl) : client
    },
    emit: (progress) => options.emit('sync:progress', progress)
  })
  /** Open a signed-in profile's resources: a job interrupted by quitting or a crash resumes. */
  const openProfile = (dir: string): void => {
    try {
      resources.open(dir)
    } catch (error) {
      log.warn('library: could not open the profile’s offline library', { error })
    }
  }
  // The profile's services follow the session: open with a sign-in, suspend with a sign-out,
  // close before its data is removed.
  session.onChange(async (change) => {
    const dir = profiles.profileDir(change.profileId)
    if (change.type === 'removing-data') {
      await resources.close(dir)
      await team.disconnect(dir, change.profileId).catch((error: unknown) => log.warn('team: could not forget the team connection', { error }))
    } else if (change.type === 'signed-out') {
      await resources.suspend(dir)
      await team.close(dir)
    } else {
      // Signed in or switched: only this profile's job and downloads run, and its interrupted job carries on.
      await resources.suspendAllBut(dir)
      openProfile(dir)
      openTeam(change.profileId)
    }
  })
  await session.restore().catch((error: unknown) => log.warn('session: could not restore the last sign-in', { error }))
  const restored = activeDir()
  const restoredProfile = session.activeProfile()
  if (restored && restoredProfile && (await session.state()).signedIn) {
    openProfile(restored)
    openTeam(restoredProfile.id)
  }

  /** The active profile's folder; everything per-profile lives under it. */
  const profileDir = (): string => {
    const profile = session.activeProfile()
    if (!profile) throw new AppError('not_signed_in', 'Sign in first: there is no active account.')
    return profiles.profileDir(profile.id)
  }
  // Preferences outlive sign-out (filters are kept for the next sign-in), so they fall back to a
  // shared file when no one is signed in.
  const prefs = new PrefsRepository(() => (session.activeProfile() ? profileDir() : join(dataDir, 'signed-out')), log)
  const library = () => resources.library(profileDir())
  /** QA work is kept per reviewer: the signed-in user's email. */
  const reviewer = (): string => session.activeProfile()?.user?.email ?? 'local'
  /**
   * A call's facts for QA exports, queues, samples and the team, from the active profile's
   * library, with the pages just shown from the API in it (CallLibrary#storeShown).
   */
  const callFactsOf: GetCallFacts = async (callId) => {
    const lib = library()
    await lib.whenShownStored()
    const stored = lib.get(callId)
    return stored ? callFactsFromRecord(stored.record) : null
  }
  /** How a saved review reaches the active profile's team queue. */
  const teamQueueDeps = (): TeamReviewQueueDeps => ({
    sync: () => team.sync(),
    account: () => teamAccountOf(session.activeProfile()),
    getCallFacts: callFactsOf,
    log,
    // A review saved in a calibration's session carries the calibration's id (team-calibration.ts).
    calibrationOf: (review) => team.sync()?.calibrationOfSession(review.sessionId) ?? null,
    sessionOf: (review) => resources.qa(profileDir()).sessionInfo(reviewer(), review.sessionId),
    notesOf: (review) => resources.qa(profileDir()).reviewWithNotes(reviewer(), review.sessionId, review.callId).notes
  })
  /** A note changed: its review goes to the team queue with the whole list of its notes. */
  const queueTeamNotes = (note: { sessionId: string; callId: number }): Promise<unknown> => {
    if (!team.sync()) return Promise.resolve('off')
    const { review, notes } = resources.qa(profileDir()).reviewWithNotes(reviewer(), note.sessionId, note.callId)
    return queueTeamReview(teamQueueDeps(), { notes }, review)
  }
  const libraryPort = (): CallsLibraryPort => callsLibraryPort(library(), (callId) => resources.recordings(profileDir()).has(callId))

  // QA and team dashboard exports: the files "Show in folder" and "Open" accept (qa:showExport, qa:openExport).
  const writtenExports = new WrittenExports()
  const handlers: Handlers = {
    ...createAppHandlers(options),
    ...createPrefsHandlers(prefs),
    'app:qaSessionActive': ({ active }) => {
      options.onQaSessionActive?.(active)
      return {}
    },
    ...createAuthHandlers(session, demo.start),
    ...createCallsHandlers({
      library: libraryPort,
      client: () => session.client(),
      reviewed: (callIds) => reviewedOrNone(() => resources.qa(profileDir()).reviewedCallIds(reviewer(), callIds), log),
      allReviewed: () => [...reviewedOrNone(() => new Set(resources.qa(profileDir()).allReviewedCallIds(reviewer())), log)],
      allFlagged: () => [...reviewedOrNone(() => new Set(resources.qa(profileDir()).allFlaggedCallIds(reviewer())), log)],
      searchQa: (text) => {
        const qa = resources.qa(profileDir())
        const who = reviewer()
        return { callIds: qa.searchTextCalls(who, text), hits: (callIds) => qa.searchTextHits(who, text, callIds) }
      },
      recordingUrl: options.recordingUrl,
      clock,
      log,
      exportDir: () => join(dataDir, 'exports'),
      demo: () => session.activeProfile()?.demo === true,
      ...(options.exportFiles ? { files: options.exportFiles } : {})
    }),
    ...createAudioHandlers({ library, recordings: () => resources.recordings(profileDir()), clock, log }),
    ...createLibraryHandlers({
      library,
      recordings: () => resources.recordings(profileDir()),
      sync: () => resources.syncJobs(profileDir()),
      clear: () => resources.clearCachedData(profileDir())
    }),
    'qa:health': () => resources.qaHealth(profileDir()),
    'qa:recover': ({ action }) => resources.recoverQa(profileDir(), action),
    ...createQaHandlers({
      qa: () => resources.qa(profileDir()),
      reviewer,
      exportDir: () => join(dataDir, 'exports'),
      getCallFacts: callFactsOf,
      clock,
      demo: () => session.activeProfile()?.demo === true,
      afterReviewSaved: (request, review) => queueTeamReview(teamQueueDeps(), request, review),
      afterNotesChanged: queueTeamNotes,
      written: writtenExports,
      ...(options.exportFiles ? { files: options.exportFiles } : {}),
      ...(options.printToPdf ? { printToPdf: options.printToPdf } : {})
    }),
    ...createTeamDashboardHandlers({
      team,
      exportDir: () => join(dataDir, 'exports'),
      written: writtenExports,
      clock,
      ...(options.exportFiles ? { files: options.exportFiles } : {}),
      ...(options.printToPdf ? { printToPdf: options.printToPdf } : {})
    }),
    ...createTeamHandlers({
      team,
      profile: () => ({ dir: profileDir(), id: session.activeProfile()?.id ?? '' }),
      log,
      template: (templateId, version) => resources.qa(profileDir()).getTemplate(templateId, version),
      sessionCallIds: (sessionId) =>
        resources
          .qa(profileDir())
          .getSession(reviewer(), sessionId)
          .items.map((item) => item.callId),
      callFacts: callFactsOf,
      account: () => teamAccountOf(session.activeProfile()),
      createSession: ({ name, templateId, templateVersion, callIds }) =>
        resources.qa(profileDir()).createSession(reviewer(), { name, templateId, callIds }, templateVersion).id,
      sessionExists: (sessionId) =>
        resources
          .qa(profileDir())
          .listSessions(reviewer())
          .some((s) => s.id === sessionId),
      clock
    })
  }

  return {
    dispatch: createDispatcher({ handlers, isTrustedSender: options.isTrustedSender, log }),
    serveRecording: createRecordingHandler({
      activeDir: () => {
        const signedIn = session.signedInProfile()
        return signedIn ? profiles.profileDir(signedIn.id) : null
      },
      recordings: (dir) => resources.recordings(dir),
      log
    }),
    session,
    team,
    close: async () => {
      await team.close()
      await resources.closeAll()
      await demo.close()
    }
  }
}

/**
 * The demo server is new every run, on a new port: calls stored in an earlier run point their
 * recordings at a port nothing listens on now. Those loopback links are re-addressed to the demo
 * server of this run, whose answer (410: signed by another run) makes the client fetch a fresh one.
 */
function onCurrentDemoServer(client: ProfileApi, apiBaseUrl: string): ProfileApi {
  const current = new URL(apiBaseUrl)
  return {
    listCalls: (input, opts) => client.listCalls(input, opts),
    getCall: (callId, include, opts) => client.getCall(callId, include, opts),
    openRecording: (call, opts) => {
      const url = call.recording_details?.url
      if (!url) return client.openRecording(call, opts)
      let link: URL
      try {
        link = new URL(url)
      } catch {
        return client.openRecording(call, opts)
      }
      if (!isLoopbackHost(link.hostname) || link.host === current.host) return client.openRecording(call, opts)
      link.protocol = current.protocol
      link.host = current.host
      return client.openRecording({ ...call, recording_details: { ...call.recording_details, url: link.href } }, opts)
    }
  }
}

/**
 * The calls a reviewer has reviewed, or none when the QA database is damaged or its disk
 * unusable: the call list keeps working (the QA area says what is wrong, see qa-recovery.ts).
 */
function reviewedOrNone(read: () => Set<number>, log: Logger): Set<number> {
  try {
    return read()
  } catch (error) {
    if (!(error instanceof AppError) || !['damaged_file', 'disk_full', 'storage_unavailable'].includes(error.kind)) throw error
    log.warn('qa: calls shown as not reviewed: the QA database cannot be used', { error })
    return new Set()
  }
}

/** The embedded demo server starts on first use, once per run, and stops with the services. */
function createDemoStarter(options: AppServicesOptions): { start: StartDemo; close: () => Promise<void> } {
  if (options.startDemo) return { start: options.startDemo, close: async () => {} }
  let running: Promise<{ close: () => Promise<void>; account: Awaited<ReturnType<StartDemo>> }> | undefined
  return {
    start: async () => {
      running ??= (async () => {
        const server = await startDemoServer({
          calls: 5000,
          seed: 2026,
          resourcesDir: options.resourcesDir ?? resolve(process.cwd(), 'resources')
        })
        const { email, password, org_unit_id } = server.login
        return {
          close: () => server.close(),
          account: { apiBaseUrl: server.apiBaseUrl, oauthBaseUrl: server.oauthBaseUrl, login: { email, password, orgUnitId: org_unit_id } }
        }
      })()
      return (await running).account
    },
    close: async () => {
      if (running) await (await running).close()
    }
  }
}
