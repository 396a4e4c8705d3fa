/**
 * The QA database's schema, one step per version (PRAGMA user_version). Steps are append-only:
 * a released step is never edited, a change is a new step. Each runs in its own transaction.
 */
import type Database from 'better-sqlite3'
import { DEFAULT_CRITERIA, DEFAULT_TEMPLATE_ID, DEFAULT_TEMPLATE_NAME } from '@shared/qa/default-template'

export interface MigrationContext {
  /** ISO 8601 time of the migration. */
  now: string
}

export type Migration = (db: Database.Database, context: MigrationContext) => void

export const MIGRATIONS: readonly Migration[] = [
  // 1: templates (immutable versions), sessions with their ordered queue, reviews, answers, notes.
  (db) => {
    db.exec(`
      CREATE TABLE templates (
        id TEXT PRIMARY KEY,
        archived INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE template_versions (
        template_id TEXT NOT NULL REFERENCES templates(id),
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        criteria_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        PRIMARY KEY (template_id, version)
      ) STRICT;
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        reviewer TEXT NOT NULL,
        name TEXT NOT NULL,
        template_id TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        query_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        position_index INTEGER NOT NULL DEFAULT 0,
        position_seconds REAL NOT NULL DEFAULT 0,
        FOREIGN KEY (template_id, template_version) REFERENCES template_versions(template_id, version)
      ) STRICT;
      CREATE INDEX sessions_by_reviewer ON sessions(reviewer, updated_at);
      CREATE TABLE session_calls (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        ord INTEGER NOT NULL,
        call_id INTEGER NOT NULL,
        PRIMARY KEY (session_id, call_id),
        UNIQUE (session_id, ord)
      ) STRICT;
      CREATE TABLE reviews (
        session_id TEXT NOT NULL,
        call_id INTEGER NOT NULL,
        template_id TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        reviewed INTEGER NOT NULL DEFAULT 0,
        flagged INTEGER NOT NULL DEFAULT 0,
        comment TEXT NOT NULL DEFAULT '',
        reviewed_at TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, call_id),
        FOREIGN KEY (session_id, call_id) REFERENCES session_calls(session_id, call_id) ON DELETE CASCADE,
        FOREIGN KEY (template_id, template_version) REFERENCES template_versions(template_id, version)
      ) STRICT;
      CREATE INDEX reviews_by_call ON reviews(call_id);
      CREATE TABLE review_answers (
        session_id TEXT NOT NULL,
        call_id INTEGER NOT NULL,
        criterion_id TEXT NOT NULL,
        -- 'yes' | 'no' | 'na' | '1'..'5'
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, call_id, criterion_id),
        FOREIGN KEY (session_id, call_id) REFERENCES reviews(session_id, call_id) ON DELETE CASCADE
      ) STRICT;
      CREATE TABLE notes (
        id TEXT PRIMARY KEY,
        session_id TEXT NOT NULL,
        call_id INTEGER NOT NULL,
        seconds REAL NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        FOREIGN KEY (session_id, call_id) REFERENCES session_calls(session_id, call_id) ON DELETE CASCADE
      ) STRICT;
      CREATE INDEX notes_by_call ON notes(session_id, call_id, seconds);
    `)
  },
  // 2: the shipped default scorecard, version 1.
  (db, { now }) => {
    db.prepare('INSERT INTO templates (id, archived, created_at) VALUES (?, 0, ?)').run(DEFAULT_TEMPLATE_ID, now)
    db.prepare('INSERT INTO template_versions (template_id, version, name, criteria_json, created_at, created_by) VALUES (?, 1, ?, ?, ?, ?)').run(
      DEFAULT_TEMPLATE_ID,
      DEFAULT_TEMPLATE_NAME,
      JSON.stringify(DEFAULT_CRITERIA),
      now,
      'Call Review'
    )
  },
  // 3: scorecards with sections, critical and required criteria need no change here: those are
  // optional keys of criteria_json, absent (false) in the versions already written, so every
  // finished review keeps the score it was given. Reviews gain a stable id (for synchronising),
  // the reviewer who marked them reviewed and the active time spent; template versions gain their
  // sections and auto-fail scope (NULL for the versions already written); sessions gain archived, a
  // soft delete (deleted_at, for the undo window) and the sample they were drawn with.
  (db) => {
    db.exec(`
      ALTER TABLE reviews ADD COLUMN id TEXT;
      UPDATE reviews SET id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)));
      CREATE UNIQUE INDEX reviews_by_id ON reviews(id);
      ALTER TABLE reviews ADD COLUMN reviewer TEXT;
      UPDATE reviews SET reviewer = (SELECT s.reviewer FROM sessions s WHERE s.id = reviews.session_id) WHERE reviewed = 1;
      ALTER TABLE reviews ADD COLUMN active_seconds REAL NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE sessions ADD COLUMN deleted_at TEXT;
      ALTER TABLE sessions ADD COLUMN sample_json TEXT;
      ALTER TABLE template_versions ADD COLUMN sections_json TEXT;
      ALTER TABLE template_versions ADD COLUMN auto_fail TEXT;
    `)
  },
  // 4: an index of the reviewer's own words, for the calls list's search (qa-search.ts): a trigram
  // index (FTS5) of note texts and review comments finds the rows holding each word without
  // reading every note. Triggers keep it in step with every write, cascades included. Each entry
  // is keyed by a row of its own key table, whose INTEGER PRIMARY KEY never changes (notes and
  // reviews have none, and their implicit rowids may be renumbered by VACUUM). Filled from the
  // notes and comments already written.
  (db) => {
    db.exec(`
      CREATE TABLE note_search_keys (
        id INTEGER PRIMARY KEY,
        note_id TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE TABLE comment_search_keys (
        id INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL,
        call_id INTEGER NOT NULL,
        UNIQUE (session_id, call_id)
      ) STRICT;
      CREATE VIRTUAL TABLE note_search USING fts5(text, tokenize = 'trigram');
      CREATE VIRTUAL TABLE comment_search USING fts5(text, tokenize = 'trigram');

      CREATE TRIGGER notes_searchable_insert AFTER INSERT ON notes BEGIN
        INSERT INTO note_search_keys (note_id) VALUES (new.id);
        INSERT INTO note_search (rowid, text) VALUES ((SELECT id FROM note_search_keys WHERE note_id = new.id), new.text);
      END;
      CREATE TRIGGER notes_searchable_delete AFTER DELETE ON notes BEGIN
        DELETE FROM note_search WHERE rowid = (SELECT id FROM note_search_keys WHERE note_id = old.id);
        DELETE FROM note_search_keys WHERE note_id = old.id;
      END;
      CREATE TRIGGER notes_searchable_update AFTER UPDATE OF id, text ON notes BEGIN
        DELETE FROM note_search WHERE rowid = (SELECT id FROM note_search_keys WHERE note_id = old.id);
        DELETE FROM note_search_keys WHERE note_id = old.id;
        INSERT INTO note_search_keys (note_id) VALUES (new.id);
        INSERT INTO note_search (rowid, text) VALUES ((SELECT id FROM note_search_keys WHERE note_id = new.id), new.text);
      END;

      CREATE TRIGGER reviews_searchable_insert AFTER INSERT ON reviews BEGIN
        INSERT INTO comment_search_keys (session_id, call_id) VALUES (new.session_id, new.call_id);
        INSERT INTO comment_search (rowid, text)
          VALUES ((SELECT id FROM comment_search_keys WHERE session_id = new.session_id AND call_id = new.call_id), new.comment);
      END;
      CREATE TRIGGER reviews_searchable_delete AFTER DELETE ON reviews BEGIN
        DELETE FROM comment_search WHERE rowid = (SELECT id FROM comment_search_keys WHERE session_id = old.session_id AND call_id = old.call_id);
        DELETE FROM comment_search_keys WHERE session_id = old.session_id AND call_id = old.call_id;
      END;
      CREATE TRIGGER reviews_searchable_update AFTER UPDATE OF session_id, call_id, comment ON reviews BEGIN
        DELETE FROM comment_search WHERE rowid = (SELECT id FROM comment_search_keys WHERE session_id = old.session_id AND call_id = old.call_id);
        DELETE FROM comment_search_keys WHERE session_id = old.session_id AND call_id = old.call_id;
        INSERT INTO comment_search_keys (session_id, call_id) VALUES (new.session_id, new.call_id);
        INSERT INTO comment_search (rowid, text)
          VALUES ((SELECT id FROM comment_search_keys WHERE session_id = new.session_id AND call_id = new.call_id), new.comment);
      END;

      INSERT INTO note_search_keys (note_id) SELECT id FROM notes;
      INSERT INTO note_search (rowid, text) SELECT k.id, n.text FROM notes n JOIN note_search_keys k ON k.note_id = n.id;
      INSERT INTO comment_search_keys (session_id, call_id) SELECT session_id, call_id FROM reviews;
      INSERT INTO comment_search (rowid, text)
        SELECT k.id, r.comment FROM reviews r JOIN comment_search_keys k ON k.session_id = r.session_id AND k.call_id = r.call_id;
    `)
  }
]
