/**
 * The library database's schema, one step per version (PRAGMA user_version). Steps are
 * append-only: a released step is never edited; a change is a new step. Each runs in its own
 * transaction, after the database was copied aside (see database.ts).
 */
import type Database from 'better-sqlite3'

export type LibraryMigration = (db: Database.Database) => void

export const LIBRARY_MIGRATIONS: readonly LibraryMigration[] = [
  // 1: calls (narrow, indexed: what filters, sorts and the list read), their full records
  // (wide, read one at a time), the full-text index, cached recordings, settings, sync jobs.
  (db) => {
    db.exec(`
      CREATE TABLE calls (
        call_id INTEGER PRIMARY KEY,
        -- UTC ISO 8601 as Date#toISOString writes it, so text order is time order.
        call_started TEXT NOT NULL,
        org_unit_id INTEGER,
        campaign_id INTEGER,
        provisioned_route_id INTEGER,
        -- Digits only (see call-columns.ts phoneKey), for the E.164 filters.
        caller_id TEXT,
        phone_number TEXT,
        ring_to TEXT,
        disposition TEXT,
        duration REAL,
        caller_identity TEXT,
        campaign_name TEXT,
        group_name TEXT,
        tag_names TEXT NOT NULL DEFAULT '[]',
        has_recording INTEGER NOT NULL DEFAULT 0,
        has_transcript INTEGER NOT NULL DEFAULT 0,
        -- Bit set of the include modules the stored record carries (call-columns.ts).
        modules INTEGER NOT NULL DEFAULT 0,
        fetched_at TEXT NOT NULL,
        -- Local state, never overwritten by a fetch.
        reviewed INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX calls_by_started ON calls(call_started, call_id);
      CREATE INDEX calls_by_org_unit ON calls(org_unit_id, call_started);
      CREATE INDEX calls_by_campaign ON calls(campaign_id, call_started);
      CREATE INDEX calls_by_route ON calls(provisioned_route_id, call_started);
      CREATE INDEX calls_by_caller ON calls(caller_id, call_started);
      CREATE INDEX calls_by_tracking_number ON calls(phone_number, call_started);
      CREATE INDEX calls_by_ring_to ON calls(ring_to, call_started);
      CREATE INDEX calls_by_disposition ON calls(disposition, call_started);

      CREATE TABLE call_records (
        call_id INTEGER PRIMARY KEY REFERENCES calls(call_id) ON DELETE CASCADE,
        record_json TEXT NOT NULL
      ) STRICT;

      -- Contentless: the text already lives in call_records; rowid = call_id.
      CREATE VIRTUAL TABLE calls_fts USING fts5(
        transcription, summary, comments, tags, caller_identity, campaign,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TABLE recordings (
        call_id INTEGER PRIMARY KEY,
        file TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        content_type TEXT NOT NULL,
        downloaded_at TEXT NOT NULL,
        last_played TEXT
      ) STRICT;
      CREATE INDEX recordings_by_use ON recordings(coalesce(last_played, downloaded_at));

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_jobs (
        id TEXT PRIMARY KEY,
        query_json TEXT NOT NULL,
        state TEXT NOT NULL,
        total_calls INTEGER,
        page_size INTEGER NOT NULL,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE sync_pages (
        job_id TEXT NOT NULL REFERENCES sync_jobs(id) ON DELETE CASCADE,
        page_index INTEGER NOT NULL,
        calls INTEGER NOT NULL,
        PRIMARY KEY (job_id, page_index)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE sync_job_calls (
        job_id TEXT NOT NULL REFERENCES sync_jobs(id) ON DELETE CASCADE,
        call_id INTEGER NOT NULL,
        PRIMARY KEY (job_id, call_id)
      ) STRICT, WITHOUT ROWID;
    `)
  },
  // 2: a hash of each call's full-text fields, so a call fetched again with unchanged text is
  // not reindexed. Rows from version 1 hold 0, which searchHash never returns: they are reindexed once.
  (db) => {
    db.exec('ALTER TABLE calls ADD COLUMN search_hash INTEGER NOT NULL DEFAULT 0')
  },
  // 3: the recording bytes each offline job downloaded, so a resumed job counts on from them.
  (db) => {
    db.exec('ALTER TABLE sync_jobs ADD COLUMN downloaded_bytes INTEGER NOT NULL DEFAULT 0')
  },
  // 4: the full-text index moves to its own file, written by its own thread (search-index.ts),
  // which builds it from call_records at the first open.
  (db) => {
    db.exec('DROP TABLE calls_fts')
  },
  // 5: what the review pane draws from a recording (audio-store.ts): its features, kept with the
  // recording they were computed from and the analysis version; and the transcript turns'
  // estimated times, kept with the call and the transcript they were placed for.
  (db) => {
    db.exec(`
      CREATE TABLE audio_features (
        call_id INTEGER PRIMARY KEY,
        recording_key TEXT NOT NULL,
        version INTEGER NOT NULL,
        features BLOB NOT NULL,
        computed_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE turn_placements (
        call_id INTEGER PRIMARY KEY,
        recording_key TEXT NOT NULL,
        version INTEGER NOT NULL,
        transcript_hash TEXT NOT NULL,
        placements_json TEXT NOT NULL
      ) STRICT;
    `)
  },
  // 6: what the list's library-only filters and sorts read (call-columns.ts): the call's score (the
  // mean of its indicators' scores) and its agent, filled from the stored records; and indexes for
  // the sort by score and the filters by score, agent and duration. Each index ends with
  // call_started, so a filter over a date range reads one slice of it.
  (db) => {
    db.exec(`
      ALTER TABLE calls ADD COLUMN score REAL;
      ALTER TABLE calls ADD COLUMN agent TEXT;
      UPDATE calls SET
        score = (
          SELECT avg(CASE WHEN i.type = 'object' THEN CASE WHEN json_type(i.value, '$.score_value') IN ('integer', 'real') THEN json_extract(i.value, '$.score_value') END END)
          FROM call_records r, json_each(r.record_json, '$.indicators') i
          WHERE r.call_id = calls.call_id
        ),
        agent = (
          SELECT coalesce(
            (SELECT a FROM (SELECT CASE WHEN i.type = 'object' THEN CASE WHEN json_type(i.value, '$.agent') = 'text' THEN json_extract(i.value, '$.agent') END END AS a
              FROM json_each(r.record_json, '$.indicators') i) WHERE a <> '' LIMIT 1),
            nullif(json_extract(r.record_json, '$.call_detail.ring_to_name'), ''),
            nullif(json_extract(r.record_json, '$.voiceagent_data.voiceagent_name'), '')
          )
          FROM call_records r WHERE r.call_id = calls.call_id
        );
      CREATE INDEX calls_by_score ON calls(score, call_started);
      CREATE INDEX calls_by_agent ON calls(agent COLLATE NOCASE, call_started);
      CREATE INDEX calls_by_duration ON calls(duration, call_started);
    `)
  },
  // 7: what a sync proved about a stored call and itself, so it outlives the run:
  // - calls.unlisted_at: when a complete sync of a range that held the call found the server no
  //   longer lists it (deleted or merged on the server). The call is kept, marked; any later
  //   fetch of it clears the mark.
  // - sync_jobs.summary_json: the job's last summary (x of y stored, which could not be read and
  //   why), so it is shown again after a restart.
  (db) => {
    db.exec(`
      ALTER TABLE calls ADD COLUMN unlisted_at TEXT;
      ALTER TABLE sync_jobs ADD COLUMN summary_json TEXT;
    `)
  },
  // 8: one index for each way the list sorts a column (call-list-query.ts orderBy): the value
  // with missing ones last, then newest first, exactly as ORDER BY reads (SQLite uses an index on
  // an expression only when it is written the same way), so a page of 200 is read off the index
  // in order instead of sorting every call of the date range (a 31-day range holds tens of
  // thousands). Each direction has its own, because ties stay newest first either way.
  (db) => {
    db.exec(`
      CREATE INDEX calls_sorted_by_duration_asc ON calls((duration) IS NULL, duration ASC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_duration_desc ON calls((duration) IS NULL, duration DESC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_caller_asc ON calls((coalesce(caller_identity, caller_id)) IS NULL,
        coalesce(caller_identity, caller_id) COLLATE NOCASE ASC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_caller_desc ON calls((coalesce(caller_identity, caller_id)) IS NULL,
        coalesce(caller_identity, caller_id) COLLATE NOCASE DESC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_campaign_asc ON calls((campaign_name) IS NULL, campaign_name COLLATE NOCASE ASC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_campaign_desc ON calls((campaign_name) IS NULL, campaign_name COLLATE NOCASE DESC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_disposition_asc ON calls((disposition) IS NULL, disposition ASC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_disposition_desc ON calls((disposition) IS NULL, disposition DESC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_score_asc ON calls((score) IS NULL, score ASC, call_started DESC, call_id DESC);
      CREATE INDEX calls_sorted_by_score_desc ON calls((score) IS NULL, score DESC, call_started DESC, call_id DESC);
    `)
  },
  // 9: the phone numbers of the stored calls, for search by digits (call-list-query.ts): each
  // distinct number once (phone_numbers: every caller, tracking and ring-to number a call holds,
  // as stored in calls), and every tail of 3 or more digits of it (phone_tails), so that the
  // numbers holding a run of digits anywhere are one range of an index ("581" starts the tail
  // "5817682" of 15125817682). Calls share numbers, so this is far smaller than the calls; the
  // calls are then found through the number indexes of version 1. Filled from the stored calls.
  (db) => {
    db.exec(`
      CREATE TABLE phone_numbers (number TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
      CREATE TABLE phone_tails (
        tail TEXT NOT NULL,
        number TEXT NOT NULL,
        PRIMARY KEY (tail, number)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO phone_numbers (number)
        SELECT caller_id FROM calls WHERE caller_id IS NOT NULL
        UNION SELECT phone_number FROM calls WHERE phone_number IS NOT NULL
        UNION SELECT ring_to FROM calls WHERE ring_to IS NOT NULL;
      INSERT INTO phone_tails (tail, number)
        WITH RECURSIVE start(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM start WHERE i < (SELECT max(length(number)) FROM phone_numbers))
        SELECT DISTINCT substr(p.number, start.i), p.number FROM phone_numbers p JOIN start ON length(p.number) - start.i + 1 >= 3;
    `)
  }
]
