/**
 * The team database's schema, as numbered migrations (docs/decisions/team-qa-on-postgres.md).
 *
 * Everything lives in the `callreview` schema. Access is decided by PostgreSQL itself: each
 * person is a LOGIN role that belongs to one of two group roles, `callreview_lead` or
 * `callreview_reviewer`, and row-level security policies on every table say what a member may
 * read and write — so a reviewer who sends SQL by hand gets no more than the app would show.
 *
 * Identity is `session_user` (the role that logged in), never `current_user`: a member may
 * `SET ROLE` to a group it belongs to, which changes current_user but not who they are.
 *
 * Migrations are append-only: a published one is never edited, a change is a new entry.
 */

export interface TeamMigration {
  version: number
  name: string
  sql: string
}

const V1_SCHEMA = /* sql */ `
CREATE SCHEMA IF NOT EXISTS callreview;

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'callreview_lead') THEN CREATE ROLE callreview_lead NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'callreview_reviewer') THEN CREATE ROLE callreview_reviewer NOLOGIN; END IF;
END $$;

-- Every row a member may pull carries a number from this sequence, bumped on each change, so a
-- client asks for "everything after N" and gets each change once, in the database's order.
CREATE SEQUENCE callreview.change_seq;

-- The version the app checks before it syncs (the migrations table itself is the admin's).
CREATE FUNCTION callreview.schema_version() RETURNS int
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT coalesce(max(version), 0) FROM callreview_admin.migrations
$$;

CREATE TABLE callreview.team (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120)
);

CREATE TABLE callreview.members (
  login name PRIMARY KEY,
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
  role text NOT NULL CHECK (role IN ('lead', 'reviewer')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Helpers for the policies. SECURITY DEFINER so they read past row-level security (a policy
-- that queried a table with its own policy would recurse), with a fixed search_path so a
-- member cannot shadow the tables they read.
CREATE FUNCTION callreview.is_lead() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM callreview.members WHERE login = session_user AND role = 'lead')
$$;

CREATE FUNCTION callreview.is_member() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM callreview.members WHERE login = session_user)
$$;

CREATE TABLE callreview.templates (
  id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  created_by name NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE callreview.template_versions (
  template_id text NOT NULL REFERENCES callreview.templates(id),
  version int NOT NULL CHECK (version > 0),
  name text NOT NULL,
  -- The scorecard as the app's template schema describes it (sections, criteria, weights).
  definition jsonb NOT NULL,
  published_at timestamptz,
  published_by name,
  seq bigint NOT NULL DEFAULT nextval('callreview.change_seq'),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (template_id, version)
);

-- The few facts of a reviewed call that reports need. Never transcripts, recordings or tokens.
CREATE TABLE callreview.calls (
  account text NOT NULL CHECK (length(account) BETWEEN 1 AND 200),
  call_id bigint NOT NULL CHECK (call_id > 0),
  started_at timestamptz NOT NULL,
  campaign text,
  group_name text,
  agent text,
  duration_sec int CHECK (duration_sec >= 0),
  PRIMARY KEY (account, call_id)
);

CREATE TABLE callreview.calibrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  template_id text NOT NULL,
  template_version int NOT NULL,
  deadline timestamptz NOT NULL,
  created_by name NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  revealed_at timestamptz,
  seq bigint NOT NULL DEFAULT nextval('callreview.change_seq'),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  FOREIGN KEY (template_id, template_version) REFERENCES callreview.template_versions
);

CREATE TABLE callreview.calibration_calls (
  calibration_id uuid NOT NULL REFERENCES callreview.calibrations(id) ON DELETE CASCADE,
  account text NOT NULL,
  call_id bigint NOT NULL,
  PRIMARY KEY (calibration_id, account, call_id),
  FOREIGN KEY (account, call_id) REFERENCES callreview.calls
);

CREATE TABLE callreview.calibration_members (
  calibration_id uuid NOT NULL REFERENCES callreview.calibrations(id) ON DELETE CASCADE,
  reviewer name NOT NULL REFERENCES callreview.members(login),
  submitted_at timestamptz,
  seq bigint NOT NULL DEFAULT nextval('callreview.change_seq'),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (calibration_id, reviewer)
);

CREATE FUNCTION callreview.in_calibration(cal uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM callreview.calibration_members WHERE calibration_id = cal AND reviewer = session_user)
$$;

-- Revealed when the lead says so, when the deadline has passed, or when every member submitted.
CREATE FUNCTION callreview.is_revealed(cal uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM callreview.calibrations c
    WHERE c.id = cal AND (
      c.revealed_at IS NOT NULL OR c.deadline <= now()
      OR NOT EXISTS (SELECT 1 FROM callreview.calibration_members m WHERE m.calibration_id = cal AND m.submitted_at IS NULL)
    )
  )
$$;

CREATE TABLE callreview.assignments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  account text NOT NULL,
  call_id bigint NOT NULL,
  reviewer name NOT NULL REFERENCES callreview.members(login),
  template_id text NOT NULL,
  template_version int NOT NULL,
  due_at timestamptz,
  created_by name NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now(),
  seq bigint NOT NULL DEFAULT nextval('callreview.change_seq'),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  FOREIGN KEY (account, call_id) REFERENCES callreview.calls,
  FOREIGN KEY (template_id, template_version) REFERENCES callreview.template_versions,
  UNIQUE (account, call_id, reviewer, template_id)
);

CREATE TABLE callreview.reviews (
  id uuid PRIMARY KEY,
  reviewer name NOT NULL DEFAULT session_user REFERENCES callreview.members(login),
  account text NOT NULL,
  call_id bigint NOT NULL,
  template_id text NOT NULL,
  template_version int NOT NULL,
  calibration_id uuid REFERENCES callreview.calibrations(id),
  answers jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(answers) = 'object'),
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 20000),
  flagged boolean NOT NULL DEFAULT false,
  reviewed boolean NOT NULL DEFAULT false,
  score_percent numeric(5, 2) CHECK (score_percent BETWEEN 0 AND 100),
  finished_at timestamptz,
  active_ms bigint NOT NULL DEFAULT 0 CHECK (active_ms >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  seq bigint NOT NULL DEFAULT nextval('callreview.change_seq'),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  FOREIGN KEY (account, call_id) REFERENCES callreview.calls,
  FOREIGN KEY (template_id, template_version) REFERENCES callreview.template_versions
);
CREATE INDEX reviews_reviewer_txid ON callreview.reviews (reviewer, txid);
CREATE INDEX reviews_calibration ON callreview.reviews (calibration_id) WHERE calibration_id IS NOT NULL;

-- Every value a change overwrote, so "the later change wins" never loses the earlier one.
CREATE TABLE callreview.review_history (
  id bigserial PRIMARY KEY,
  review_id uuid NOT NULL REFERENCES callreview.reviews(id) ON DELETE CASCADE,
  field text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  changed_by name NOT NULL DEFAULT session_user,
  changed_at timestamptz NOT NULL DEFAULT now(),
  op_id uuid NOT NULL
);
CREATE INDEX review_history_review ON callreview.review_history (review_id, id);

-- Operations already applied, by the id the client gave them: a push retried after a cut
-- connection applies nothing twice.
CREATE TABLE callreview.applied_ops (
  op_id uuid PRIMARY KEY,
  reviewer name NOT NULL DEFAULT session_user,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Applies one queued review change: creates the review when it is new, sets each field given,
-- records what it overwrote, and remembers the op id. Runs as the caller, so row-level security
-- decides whether the caller may write this review. Answers merge per criterion: two machines
-- answering different criteria both keep theirs; the same criterion is decided by arrival order.
CREATE FUNCTION callreview.apply_review_change(
  p_op_id uuid, p_review_id uuid, p_account text, p_call_id bigint,
  p_template_id text, p_template_version int, p_calibration_id uuid, p_fields jsonb
) RETURNS boolean
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  prev callreview.reviews%ROWTYPE;
  unknown text;
BEGIN
  SELECT k INTO unknown FROM jsonb_object_keys(p_fields) AS k
  WHERE k NOT IN ('answers', 'comment', 'flagged', 'reviewed', 'score_percent', 'finished_at', 'active_ms') LIMIT 1;
  IF unknown IS NOT NULL THEN RAISE EXCEPTION 'unknown review field %', unknown USING ERRCODE = '22023'; END IF;
  IF p_fields ? 'answers' AND jsonb_typeof(p_fields -> 'answers') <> 'object' THEN
    RAISE EXCEPTION 'answers must be an object' USING ERRCODE = '22023';
  END IF;

  INSERT INTO callreview.applied_ops (op_id) VALUES (p_op_id) ON CONFLICT (op_id) DO NOTHING;
  IF NOT FOUND THEN RETURN false; END IF;

  INSERT INTO callreview.reviews (id, account, call_id, template_id, template_version, calibration_id)
  VALUES (p_review_id, p_account, p_call_id, p_template_id, p_template_version, p_calibration_id)
  ON CONFLICT (id) DO NOTHING;
  SELECT * INTO prev FROM callreview.reviews WHERE id = p_review_id FOR UPDATE;
  IF NOT FOUND OR prev.reviewer <> session_user THEN
    RAISE EXCEPTION 'review % belongs to another reviewer', p_review_id USING ERRCODE = '42501';
  END IF;

  -- What each given field held before (for answers: only the criteria this change sets).
  INSERT INTO callreview.review_history (review_id, field, old_value, new_value, op_id)
  SELECT p_review_id, f.key,
    CASE f.key
      WHEN 'answers' THEN (SELECT jsonb_object_agg(k, prev.answers -> k) FROM jsonb_object_keys(f.value) AS k WHERE prev.answers ? k)
      WHEN 'comment' THEN to_jsonb(prev.comment)
      WHEN 'flagged' THEN to_jsonb(prev.flagged)
      WHEN 'reviewed' THEN to_jsonb(prev.reviewed)
      WHEN 'score_percent' THEN to_jsonb(prev.score_percent)
      WHEN 'finished_at' THEN to_jsonb(prev.finished_at)
      WHEN 'active_ms' THEN to_jsonb(prev.active_ms)
    END,
    f.value, p_op_id
  FROM jsonb_each(p_fields) AS f;

  UPDATE callreview.reviews SET
    answers = CASE WHEN p_fields ? 'answers' THEN jsonb_strip_nulls(answers || (p_fields -> 'answers')) ELSE answers END,
    comment = CASE WHEN p_fields ? 'comment' THEN p_fields ->> 'comment' ELSE comment END,
    flagged = CASE WHEN p_fields ? 'flagged' THEN (p_fields ->> 'flagged')::boolean ELSE flagged END,
    reviewed = CASE WHEN p_fields ? 'reviewed' THEN (p_fields ->> 'reviewed')::boolean ELSE reviewed END,
    score_percent = CASE WHEN p_fields ? 'score_percent' THEN (p_fields ->> 'score_percent')::numeric ELSE score_percent END,
    finished_at = CASE WHEN p_fields ? 'finished_at' THEN (p_fields ->> 'finished_at')::timestamptz ELSE finished_at END,
    active_ms = CASE WHEN p_fields ? 'active_ms' THEN (p_fields ->> 'active_ms')::bigint ELSE active_ms END,
    updated_at = now()
  WHERE id = p_review_id;
  RETURN true;
END $$;

-- An edited row takes a new sequence number and its transaction's id, so it is pulled again.
-- Clients pull by transaction id (see team-pull.ts): a row whose transaction was still open at
-- the last pull has an id at or above that pull's snapshot xmin, so no commit is ever skipped.
CREATE FUNCTION callreview.bump_seq() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.seq := nextval('callreview.change_seq');
  NEW.txid := pg_current_xact_id();
  RETURN NEW;
END $$;
CREATE TRIGGER template_versions_seq BEFORE UPDATE ON callreview.template_versions FOR EACH ROW EXECUTE FUNCTION callreview.bump_seq();
CREATE TRIGGER calibrations_seq BEFORE UPDATE ON callreview.calibrations FOR EACH ROW EXECUTE FUNCTION callreview.bump_seq();
CREATE TRIGGER calibration_members_seq BEFORE UPDATE ON callreview.calibration_members FOR EACH ROW EXECUTE FUNCTION callreview.bump_seq();
CREATE TRIGGER assignments_seq BEFORE UPDATE ON callreview.assignments FOR EACH ROW EXECUTE FUNCTION callreview.bump_seq();
CREATE TRIGGER reviews_seq BEFORE UPDATE ON callreview.reviews FOR EACH ROW EXECUTE FUNCTION callreview.bump_seq();

-- Live updates: a connected client LISTENs on callreview_changes and pulls when told.
CREATE FUNCTION callreview.notify_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  PERFORM pg_notify('callreview_changes', TG_TABLE_NAME);
  RETURN NULL;
END $$;
CREATE TRIGGER template_versions_notify AFTER INSERT OR UPDATE ON callreview.template_versions FOR EACH STATEMENT EXECUTE FUNCTION callreview.notify_change();
CREATE TRIGGER assignments_notify AFTER INSERT OR UPDATE OR DELETE ON callreview.assignments FOR EACH STATEMENT EXECUTE FUNCTION callreview.notify_change();
CREATE TRIGGER calibrations_notify AFTER INSERT OR UPDATE ON callreview.calibrations FOR EACH STATEMENT EXECUTE FUNCTION callreview.notify_change();
CREATE TRIGGER calibration_members_notify AFTER INSERT OR UPDATE ON callreview.calibration_members FOR EACH STATEMENT EXECUTE FUNCTION callreview.notify_change();

-- Privileges: nothing for PUBLIC; each group gets only what its policies then narrow down.
REVOKE ALL ON SCHEMA callreview FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA callreview FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA callreview FROM PUBLIC;
GRANT USAGE ON SCHEMA callreview TO callreview_lead, callreview_reviewer;
GRANT USAGE ON SEQUENCE callreview.change_seq TO callreview_lead, callreview_reviewer;
GRANT EXECUTE ON FUNCTION callreview.schema_version(), callreview.is_lead(), callreview.is_member(), callreview.in_calibration(uuid), callreview.is_revealed(uuid) TO callreview_lead, callreview_reviewer;
GRANT EXECUTE ON FUNCTION callreview.apply_review_change(uuid, uuid, text, bigint, text, int, uuid, jsonb) TO callreview_lead, callreview_reviewer;

GRANT SELECT ON callreview.team, callreview.members TO callreview_lead, callreview_reviewer;
GRANT SELECT, INSERT, UPDATE ON callreview.templates, callreview.template_versions TO callreview_lead;
GRANT SELECT ON callreview.templates, callreview.template_versions TO callreview_reviewer;
GRANT SELECT, INSERT ON callreview.calls TO callreview_lead, callreview_reviewer;
GRANT UPDATE ON callreview.calls TO callreview_lead;
GRANT SELECT, INSERT, UPDATE, DELETE ON callreview.assignments, callreview.calibrations, callreview.calibration_calls, callreview.calibration_members TO callreview_lead;
GRANT SELECT ON callreview.assignments, callreview.calibrations, callreview.calibration_calls, callreview.calibration_members TO callreview_reviewer;
GRANT UPDATE (submitted_at) ON callreview.calibration_members TO callreview_reviewer;
GRANT SELECT, INSERT, UPDATE ON callreview.reviews TO callreview_lead, callreview_reviewer;
GRANT SELECT, INSERT ON callreview.review_history, callreview.applied_ops TO callreview_lead, callreview_reviewer;
GRANT USAGE ON SEQUENCE callreview.review_history_id_seq TO callreview_lead, callreview_reviewer;

ALTER TABLE callreview.team ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.members ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.template_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.calibrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.calibration_calls ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.calibration_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.review_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.applied_ops ENABLE ROW LEVEL SECURITY;

-- Argument-less helpers are wrapped in (SELECT …) so PostgreSQL runs them once per statement
-- (an initplan) rather than once per row.
CREATE POLICY team_read ON callreview.team FOR SELECT USING ((SELECT callreview.is_member()));
CREATE POLICY members_read ON callreview.members FOR SELECT USING ((SELECT callreview.is_member()));

CREATE POLICY templates_lead ON callreview.templates FOR ALL USING ((SELECT callreview.is_lead())) WITH CHECK ((SELECT callreview.is_lead()));
CREATE POLICY templates_read ON callreview.templates FOR SELECT USING (
  (SELECT callreview.is_member()) AND EXISTS (SELECT 1 FROM callreview.template_versions v WHERE v.template_id = id AND v.published_at IS NOT NULL));
CREATE POLICY versions_lead ON callreview.template_versions FOR ALL USING ((SELECT callreview.is_lead())) WITH CHECK ((SELECT callreview.is_lead()));
CREATE POLICY versions_read ON callreview.template_versions FOR SELECT USING ((SELECT callreview.is_member()) AND published_at IS NOT NULL);

CREATE POLICY calls_read ON callreview.calls FOR SELECT USING ((SELECT callreview.is_member()));
CREATE POLICY calls_insert ON callreview.calls FOR INSERT WITH CHECK ((SELECT callreview.is_member()));
CREATE POLICY calls_update ON callreview.calls FOR UPDATE USING ((SELECT callreview.is_lead()));

CREATE POLICY calibrations_lead ON callreview.calibrations FOR ALL USING ((SELECT callreview.is_lead())) WITH CHECK ((SELECT callreview.is_lead()));
CREATE POLICY calibrations_read ON callreview.calibrations FOR SELECT USING (callreview.in_calibration(id));
CREATE POLICY calibration_calls_lead ON callreview.calibration_calls FOR ALL USING ((SELECT callreview.is_lead())) WITH CHECK ((SELECT callreview.is_lead()));
CREATE POLICY calibration_calls_read ON callreview.calibration_calls FOR SELECT USING (callreview.in_calibration(calibration_id));
CREATE POLICY calibration_members_lead ON callreview.calibration_members FOR ALL USING ((SELECT callreview.is_lead())) WITH CHECK ((SELECT callreview.is_lead()));
CREATE POLICY calibration_members_read ON callreview.calibration_members FOR SELECT USING (callreview.in_calibration(calibration_id));
CREATE POLICY calibration_members_submit ON callreview.calibration_members FOR UPDATE
  USING (reviewer = session_user) WITH CHECK (reviewer = session_user);

CREATE POLICY assignments_lead ON callreview.assignments FOR ALL USING ((SELECT callreview.is_lead())) WITH CHECK ((SELECT callreview.is_lead()));
CREATE POLICY assignments_own ON callreview.assignments FOR SELECT USING (reviewer = session_user);

-- Reviews: everyone writes only their own. A lead reads all; a reviewer reads their own, and
-- another reviewer's calibration review only once that calibration is revealed to its members.
CREATE POLICY reviews_read ON callreview.reviews FOR SELECT USING (
  reviewer = session_user OR (SELECT callreview.is_lead())
  OR (calibration_id IS NOT NULL AND callreview.in_calibration(calibration_id) AND callreview.is_revealed(calibration_id)));
CREATE POLICY reviews_insert ON callreview.reviews FOR INSERT WITH CHECK (reviewer = session_user AND (SELECT callreview.is_member())
  AND (calibration_id IS NULL OR callreview.in_calibration(calibration_id) OR (SELECT callreview.is_lead())));
CREATE POLICY reviews_update ON callreview.reviews FOR UPDATE USING (reviewer = session_user) WITH CHECK (reviewer = session_user);

CREATE POLICY history_read ON callreview.review_history FOR SELECT USING (
  (SELECT callreview.is_lead()) OR EXISTS (SELECT 1 FROM callreview.reviews r WHERE r.id = review_id AND r.reviewer = session_user));
CREATE POLICY history_insert ON callreview.review_history FOR INSERT WITH CHECK (
  changed_by = session_user AND EXISTS (SELECT 1 FROM callreview.reviews r WHERE r.id = review_id AND r.reviewer = session_user));

CREATE POLICY ops_own ON callreview.applied_ops FOR SELECT USING (reviewer = session_user);
CREATE POLICY ops_insert ON callreview.applied_ops FOR INSERT WITH CHECK (reviewer = session_user);
`

export const TEAM_MIGRATIONS: readonly TeamMigration[] = [{ version: 1, name: 'team schema, roles and row-level security', sql: V1_SCHEMA }]
