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
  -- Critical (auto-fail) criteria answered "No" in this review.
  critical_failures int NOT NULL DEFAULT 0 CHECK (critical_failures >= 0),
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

-- Applies a batch of queued review changes, in their order (n), set-based: one statement per
-- step instead of several per change. Creates reviews that are new, sets each field given,
-- records in review_history what each change overwrote (the stored value, or the value an
-- earlier change in the same batch set), and remembers the op ids: an op applied before is
-- skipped and reported as not applied. Runs as the caller, so row-level security decides
-- whether the caller may write each review. Answers merge per criterion: two machines answering
-- different criteria both keep theirs; the same criterion is decided by arrival order.
CREATE FUNCTION callreview.apply_review_changes(p_ops jsonb)
RETURNS TABLE (op_id uuid, applied boolean)
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  fresh uuid[];
  bad text;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS pg_temp.review_ops (
    n int, op_id uuid, review_id uuid, account text, call_id bigint, template_id text,
    template_version int, calibration_id uuid, fields jsonb
  ) ON COMMIT DROP;
  TRUNCATE pg_temp.review_ops;
  INSERT INTO pg_temp.review_ops
  SELECT * FROM jsonb_to_recordset(p_ops) AS r(n int, op_id uuid, review_id uuid, account text, call_id bigint,
    template_id text, template_version int, calibration_id uuid, fields jsonb);

  SELECT k INTO bad FROM pg_temp.review_ops o, jsonb_object_keys(o.fields) AS k
  WHERE k NOT IN ('answers', 'comment', 'flagged', 'reviewed', 'score_percent', 'critical_failures', 'finished_at', 'active_ms') LIMIT 1;
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'unknown review field %', bad USING ERRCODE = '22023'; END IF;
  IF EXISTS (SELECT 1 FROM pg_temp.review_ops o WHERE o.fields ? 'answers' AND jsonb_typeof(o.fields -> 'answers') <> 'object') THEN
    RAISE EXCEPTION 'answers must be an object' USING ERRCODE = '22023';
  END IF;

  WITH ins AS (
    INSERT INTO callreview.applied_ops (op_id) SELECT o.op_id FROM pg_temp.review_ops o
    ON CONFLICT ON CONSTRAINT applied_ops_pkey DO NOTHING RETURNING applied_ops.op_id
  ) SELECT coalesce(array_agg(ins.op_id), '{}') INTO fresh FROM ins;
  DELETE FROM pg_temp.review_ops o WHERE NOT (o.op_id = ANY (fresh));

  INSERT INTO callreview.reviews (id, account, call_id, template_id, template_version, calibration_id)
  SELECT DISTINCT ON (o.review_id) o.review_id, o.account, o.call_id, o.template_id, o.template_version, o.calibration_id
  FROM pg_temp.review_ops o ORDER BY o.review_id, o.n
  ON CONFLICT (id) DO NOTHING;

  -- Locks the batch's reviews; one the caller cannot write (another reviewer's) is not returned.
  PERFORM 1 FROM callreview.reviews r WHERE r.id IN (SELECT o.review_id FROM pg_temp.review_ops o) FOR UPDATE;
  SELECT o.review_id::text INTO bad FROM pg_temp.review_ops o
  WHERE NOT EXISTS (SELECT 1 FROM callreview.reviews r WHERE r.id = o.review_id AND r.reviewer = session_user) LIMIT 1;
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'review % belongs to another reviewer', bad USING ERRCODE = '42501'; END IF;

  -- History: scalar fields, each change against the value before it.
  INSERT INTO callreview.review_history (review_id, field, old_value, new_value, op_id)
  SELECT s.review_id, s.key,
         CASE WHEN s.rn = 1 THEN to_jsonb(r) -> s.key ELSE s.before END,
         s.value, s.op_id
  FROM (
    SELECT o.n, o.op_id, o.review_id, f.key, f.value,
           lag(f.value) OVER (PARTITION BY o.review_id, f.key ORDER BY o.n) AS before,
           row_number() OVER (PARTITION BY o.review_id, f.key ORDER BY o.n) AS rn
    FROM pg_temp.review_ops o, jsonb_each(o.fields) f WHERE f.key <> 'answers'
  ) s JOIN callreview.reviews r ON r.id = s.review_id
  ORDER BY s.n;

  -- History: answers, one row per change with the old value of each criterion it set.
  INSERT INTO callreview.review_history (review_id, field, old_value, new_value, op_id)
  SELECT a.review_id, 'answers',
         jsonb_object_agg(a.crit, a.old) FILTER (WHERE a.old IS NOT NULL AND a.old <> 'null'::jsonb),
         min(a.answers::text)::jsonb, a.op_id
  FROM (
    SELECT o.n, o.op_id, o.review_id, o.fields -> 'answers' AS answers, c.key AS crit,
           CASE WHEN row_number() OVER w = 1 THEN r.answers -> c.key ELSE lag(c.value) OVER w END AS old
    FROM pg_temp.review_ops o
    JOIN callreview.reviews r ON r.id = o.review_id
    CROSS JOIN LATERAL jsonb_each(o.fields -> 'answers') c
    WHERE o.fields ? 'answers'
    WINDOW w AS (PARTITION BY o.review_id, c.key ORDER BY o.n)
  ) a
  GROUP BY a.n, a.op_id, a.review_id
  ORDER BY a.n;

  -- The rows: each field's last value in the batch; answers merged criterion by criterion.
  UPDATE callreview.reviews r SET
    answers = CASE WHEN l.answers IS NULL THEN r.answers ELSE jsonb_strip_nulls(r.answers || l.answers) END,
    comment = CASE WHEN coalesce(l.scalars ? 'comment', false) THEN l.scalars ->> 'comment' ELSE r.comment END,
    flagged = CASE WHEN coalesce(l.scalars ? 'flagged', false) THEN (l.scalars ->> 'flagged')::boolean ELSE r.flagged END,
    reviewed = CASE WHEN coalesce(l.scalars ? 'reviewed', false) THEN (l.scalars ->> 'reviewed')::boolean ELSE r.reviewed END,
    score_percent = CASE WHEN coalesce(l.scalars ? 'score_percent', false) THEN (l.scalars ->> 'score_percent')::numeric ELSE r.score_percent END,
    finished_at = CASE WHEN coalesce(l.scalars ? 'finished_at', false) THEN (l.scalars ->> 'finished_at')::timestamptz ELSE r.finished_at END,
    active_ms = CASE WHEN coalesce(l.scalars ? 'active_ms', false) THEN (l.scalars ->> 'active_ms')::bigint ELSE r.active_ms END,
    critical_failures = CASE WHEN coalesce(l.scalars ? 'critical_failures', false) THEN (l.scalars ->> 'critical_failures')::int ELSE r.critical_failures END,
    updated_at = now()
  FROM (
    SELECT ids.review_id, s.scalars, a.answers
    FROM (SELECT DISTINCT o.review_id FROM pg_temp.review_ops o) ids
    LEFT JOIN (
      SELECT x.review_id, jsonb_object_agg(x.key, x.value) AS scalars FROM (
        SELECT DISTINCT ON (o.review_id, f.key) o.review_id, f.key, f.value
        FROM pg_temp.review_ops o, jsonb_each(o.fields) f WHERE f.key <> 'answers'
        ORDER BY o.review_id, f.key, o.n DESC) x
      GROUP BY x.review_id) s ON s.review_id = ids.review_id
    LEFT JOIN (
      SELECT x.review_id, jsonb_object_agg(x.key, x.value) AS answers FROM (
        SELECT DISTINCT ON (o.review_id, c.key) o.review_id, c.key, c.value
        FROM pg_temp.review_ops o, jsonb_each(o.fields -> 'answers') c WHERE o.fields ? 'answers'
        ORDER BY o.review_id, c.key, o.n DESC) x
      GROUP BY x.review_id) a ON a.review_id = ids.review_id
  ) l
  WHERE r.id = l.review_id;

  RETURN QUERY SELECT x.op_id, x.op_id = ANY (fresh)
  FROM jsonb_to_recordset(p_ops) AS x(n int, op_id uuid) ORDER BY x.n;
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
GRANT EXECUTE ON FUNCTION callreview.apply_review_changes(jsonb) TO callreview_lead, callreview_reviewer;

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

const V2_DASHBOARD = /* sql */ `
-- Rollups for the lead's dashboard: a year of a team's reviews (a million rows) answers by day
-- and dimension in milliseconds instead of scanning every review. Kept exact by statement-level
-- triggers on reviews, which subtract a changed row's old contribution and add its new one, set-
-- based over the statement's transition tables. Only finished, non-calibration reviews count.
-- One row per (dimension, day, key): a review adds to its agent's, reviewer's, campaign's and
-- group's row, so each dimension's year is a few thousand to tens of thousands of rows.
CREATE TABLE callreview.score_daily (
  dimension text NOT NULL CHECK (dimension IN ('agent', 'reviewer', 'campaign', 'group')),
  day date NOT NULL,
  key text NOT NULL,
  reviews int NOT NULL,
  scored int NOT NULL,
  score_sum numeric NOT NULL,
  critical_failures int NOT NULL,
  PRIMARY KEY (dimension, day, key)
);
-- Per criterion, per agent and (agent = '*') for the whole team.
CREATE TABLE callreview.criterion_daily (
  agent text NOT NULL,
  day date NOT NULL,
  criterion text NOT NULL,
  answered int NOT NULL,
  yes int NOT NULL,
  na int NOT NULL,
  rating_n int NOT NULL,
  rating_sum numeric NOT NULL,
  PRIMARY KEY (agent, day, criterion)
);

CREATE FUNCTION callreview.rollup_delta_apply() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  INSERT INTO callreview.score_daily AS t (dimension, day, key, reviews, scored, score_sum, critical_failures)
  SELECT k.dimension, (d.finished_at AT TIME ZONE 'UTC')::date, k.key,
         sum(d.sign), sum(d.sign * (d.score_percent IS NOT NULL)::int), sum(d.sign * coalesce(d.score_percent, 0)), sum(d.sign * d.critical_failures)
  FROM pg_temp.rollup_delta d
  JOIN callreview.calls c ON c.account = d.account AND c.call_id = d.call_id
  CROSS JOIN LATERAL (VALUES ('agent', coalesce(c.agent, '')), ('reviewer', d.reviewer::text),
                             ('campaign', coalesce(c.campaign, '')), ('group', coalesce(c.group_name, ''))) AS k(dimension, key)
  GROUP BY 1, 2, 3
  ON CONFLICT (dimension, day, key) DO UPDATE SET
    reviews = t.reviews + excluded.reviews, scored = t.scored + excluded.scored,
    score_sum = t.score_sum + excluded.score_sum, critical_failures = t.critical_failures + excluded.critical_failures;

  INSERT INTO callreview.criterion_daily AS t (agent, day, criterion, answered, yes, na, rating_n, rating_sum)
  SELECT coalesce(x.agent, '*'), x.day, x.criterion, sum(x.answered), sum(x.yes), sum(x.na), sum(x.rating_n), sum(x.rating_sum)
  FROM (
    SELECT coalesce(c.agent, '') AS agent, (d.finished_at AT TIME ZONE 'UTC')::date AS day, a.key AS criterion,
           d.sign * (a.value IS DISTINCT FROM '"na"'::jsonb)::int AS answered,
           d.sign * (a.value = '"yes"'::jsonb)::int AS yes,
           d.sign * (a.value = '"na"'::jsonb)::int AS na,
           d.sign * (jsonb_typeof(a.value) = 'number')::int AS rating_n,
           d.sign * CASE WHEN jsonb_typeof(a.value) = 'number' THEN (a.value #>> '{}')::numeric ELSE 0 END AS rating_sum
    FROM pg_temp.rollup_delta d
    JOIN callreview.calls c ON c.account = d.account AND c.call_id = d.call_id
    CROSS JOIN LATERAL jsonb_each(d.answers) a
  ) x
  GROUP BY GROUPING SETS ((x.agent, x.day, x.criterion), (x.day, x.criterion))
  ON CONFLICT (agent, day, criterion) DO UPDATE SET
    answered = t.answered + excluded.answered, yes = t.yes + excluded.yes, na = t.na + excluded.na,
    rating_n = t.rating_n + excluded.rating_n, rating_sum = t.rating_sum + excluded.rating_sum;
END $$;

CREATE FUNCTION callreview.rollup_reviews() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS rollup_delta (sign int, finished_at timestamptz, reviewer name, account text, call_id bigint,
    score_percent numeric, critical_failures int, answers jsonb) ON COMMIT DROP;
  TRUNCATE pg_temp.rollup_delta;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO pg_temp.rollup_delta SELECT -1, o.finished_at, o.reviewer, o.account, o.call_id, o.score_percent, o.critical_failures, o.answers
    FROM old_rows o WHERE o.reviewed AND o.calibration_id IS NULL AND o.finished_at IS NOT NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO pg_temp.rollup_delta SELECT 1, n.finished_at, n.reviewer, n.account, n.call_id, n.score_percent, n.critical_failures, n.answers
    FROM new_rows n WHERE n.reviewed AND n.calibration_id IS NULL AND n.finished_at IS NOT NULL;
  END IF;
  PERFORM callreview.rollup_delta_apply();
  RETURN NULL;
END $$;

CREATE TRIGGER reviews_rollup_insert AFTER INSERT ON callreview.reviews REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION callreview.rollup_reviews();
CREATE TRIGGER reviews_rollup_update AFTER UPDATE ON callreview.reviews REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION callreview.rollup_reviews();
CREATE TRIGGER reviews_rollup_delete AFTER DELETE ON callreview.reviews REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION callreview.rollup_reviews();

-- Existing reviews count from the start.
CREATE TEMP TABLE rollup_delta (sign int, finished_at timestamptz, reviewer name, account text, call_id bigint,
  score_percent numeric, critical_failures int, answers jsonb) ON COMMIT DROP;
INSERT INTO pg_temp.rollup_delta SELECT 1, r.finished_at, r.reviewer, r.account, r.call_id, r.score_percent, r.critical_failures, r.answers
FROM callreview.reviews r WHERE r.reviewed AND r.calibration_id IS NULL AND r.finished_at IS NOT NULL;
SELECT callreview.rollup_delta_apply();

CREATE INDEX reviews_calibration_reviewer ON callreview.reviews (calibration_id, reviewer) WHERE calibration_id IS NOT NULL;

REVOKE ALL ON callreview.score_daily, callreview.criterion_daily FROM PUBLIC;
REVOKE ALL ON FUNCTION callreview.rollup_reviews(), callreview.rollup_delta_apply() FROM PUBLIC;
GRANT SELECT ON callreview.score_daily, callreview.criterion_daily TO callreview_lead;
ALTER TABLE callreview.score_daily ENABLE ROW LEVEL SECURITY;
ALTER TABLE callreview.criterion_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY score_daily_lead ON callreview.score_daily FOR SELECT USING ((SELECT callreview.is_lead()));
CREATE POLICY criterion_daily_lead ON callreview.criterion_daily FOR SELECT USING ((SELECT callreview.is_lead()));
`

const V3_CALIBRATION_LOCK = /* sql */ `
-- A calibration member's scores are final once they submitted, and everyone's once the
-- calibration is revealed: otherwise a reviewer could read the others' scores after the reveal
-- and change their own to match, or clear their submission to hide the scores again. A lead's
-- reference reviews (the lead is not a member) stay editable.
CREATE FUNCTION callreview.calibration_locked(cal uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM callreview.calibration_members m
    WHERE m.calibration_id = cal AND m.reviewer = session_user AND (m.submitted_at IS NOT NULL OR callreview.is_revealed(cal))
  )
$$;
REVOKE ALL ON FUNCTION callreview.calibration_locked(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION callreview.calibration_locked(uuid) TO callreview_lead, callreview_reviewer;

ALTER POLICY reviews_insert ON callreview.reviews WITH CHECK (reviewer = session_user AND (SELECT callreview.is_member())
  AND (calibration_id IS NULL OR ((callreview.in_calibration(calibration_id) OR (SELECT callreview.is_lead()))
       AND NOT callreview.calibration_locked(calibration_id))));
ALTER POLICY reviews_update ON callreview.reviews
  USING (reviewer = session_user AND (calibration_id IS NULL OR NOT callreview.calibration_locked(calibration_id)))
  WITH CHECK (reviewer = session_user AND (calibration_id IS NULL OR NOT callreview.calibration_locked(calibration_id)));
-- Submitting is once: from not submitted to submitted, never back.
ALTER POLICY calibration_members_submit ON callreview.calibration_members
  USING (reviewer = session_user AND submitted_at IS NULL) WITH CHECK (reviewer = session_user AND submitted_at IS NOT NULL);

-- The app's queue may still hold changes made after a submission (saved offline, say). They are
-- answered "not applied" and leave the queue instead of failing the batch and holding up every
-- change behind them; the policies above refuse them anyway.
ALTER FUNCTION callreview.apply_review_changes(jsonb) RENAME TO apply_review_changes_open;
CREATE FUNCTION callreview.apply_review_changes(p_ops jsonb)
RETURNS TABLE (op_id uuid, applied boolean)
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  open_ops jsonb;
BEGIN
  SELECT coalesce(jsonb_agg(x.op ORDER BY x.ord), '[]'::jsonb) INTO open_ops
  FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS x(op, ord)
  CROSS JOIN LATERAL (SELECT coalesce(
    (SELECT r.calibration_id FROM callreview.reviews r WHERE r.id = (x.op ->> 'review_id')::uuid),
    (x.op ->> 'calibration_id')::uuid) AS cal) c
  WHERE c.cal IS NULL OR NOT callreview.calibration_locked(c.cal);
  RETURN QUERY
  SELECT x.op_id, coalesce(a.applied, false)
  FROM jsonb_to_recordset(p_ops) AS x(n int, op_id uuid)
  LEFT JOIN callreview.apply_review_changes_open(open_ops) AS a ON a.op_id = x.op_id
  ORDER BY x.n;
END $$;
REVOKE ALL ON FUNCTION callreview.apply_review_changes(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION callreview.apply_review_changes(jsonb) TO callreview_lead, callreview_reviewer;
`

/**
 * Version 4: pushed reviews notify too, so a lead's assignment progress and dashboard follow the
 * reviewers' work live (clients other than leads ignore these: they read only their own reviews).
 */
const V4_REVIEWS_NOTIFY = `
CREATE TRIGGER reviews_notify AFTER INSERT OR UPDATE ON callreview.reviews FOR EACH STATEMENT EXECUTE FUNCTION callreview.notify_change();
`

/**
 * Version 5: the rest of a review and where it was done. A review's notes pinned to moments
 * travel with it as one list (the later list wins, the one it replaced stays in review_history),
 * and each reviewer's QA sessions are kept (name, scorecard, size), each review naming its
 * session, so a lead sees the work as the reviewer organised it. Written only through
 * apply_review_changes and the outbox, like the rest of a review; a reviewer writes and reads
 * only their own sessions, a lead reads all.
 */
const V5_NOTES_AND_SESSIONS = `
CREATE TABLE callreview.sessions (
  id uuid PRIMARY KEY,
  reviewer name NOT NULL DEFAULT session_user REFERENCES callreview.members(login),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  template_id text NOT NULL,
  template_version int NOT NULL,
  call_count int NOT NULL CHECK (call_count >= 0),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  seq bigint NOT NULL DEFAULT nextval('callreview.change_seq'),
  txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  FOREIGN KEY (template_id, template_version) REFERENCES callreview.template_versions
);
CREATE INDEX sessions_reviewer ON callreview.sessions (reviewer, created_at);
CREATE TRIGGER sessions_seq BEFORE UPDATE ON callreview.sessions FOR EACH ROW EXECUTE FUNCTION callreview.bump_seq();
GRANT SELECT, INSERT, UPDATE ON callreview.sessions TO callreview_lead, callreview_reviewer;
ALTER TABLE callreview.sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sessions_read ON callreview.sessions FOR SELECT USING (reviewer = session_user OR (SELECT callreview.is_lead()));
CREATE POLICY sessions_insert ON callreview.sessions FOR INSERT WITH CHECK (reviewer = session_user AND (SELECT callreview.is_member()));
CREATE POLICY sessions_update ON callreview.sessions FOR UPDATE USING (reviewer = session_user) WITH CHECK (reviewer = session_user);

ALTER TABLE callreview.reviews
  ADD COLUMN session_id uuid REFERENCES callreview.sessions(id),
  ADD COLUMN notes jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(notes) = 'array');
CREATE INDEX reviews_session ON callreview.reviews (session_id) WHERE session_id IS NOT NULL;
-- A review is only ever in a session of its own reviewer, whatever SQL puts it there.
CREATE FUNCTION callreview.check_review_session() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NEW.session_id IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM callreview.sessions s WHERE s.id = NEW.session_id AND s.reviewer = NEW.reviewer) THEN
    RAISE EXCEPTION 'session % belongs to another reviewer', NEW.session_id USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reviews_session_owner_insert BEFORE INSERT ON callreview.reviews
  FOR EACH ROW WHEN (NEW.session_id IS NOT NULL) EXECUTE FUNCTION callreview.check_review_session();
CREATE TRIGGER reviews_session_owner_update BEFORE UPDATE OF session_id, reviewer ON callreview.reviews
  FOR EACH ROW WHEN (NEW.session_id IS DISTINCT FROM OLD.session_id OR NEW.reviewer IS DISTINCT FROM OLD.reviewer)
  EXECUTE FUNCTION callreview.check_review_session();

-- Notes and the session travel through the same function as every other field: the review's
-- notes are one field (fields.notes, the whole list; the one it replaces goes to review_history
-- like any other field's old value), the session an op-level id set with the review. The body
-- is version 1's with those additions; apply_review_changes (version 3's wrapper) is unchanged.
CREATE OR REPLACE FUNCTION callreview.apply_review_changes_open(p_ops jsonb)
RETURNS TABLE (op_id uuid, applied boolean)
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  fresh uuid[];
  bad text;
BEGIN
  CREATE TEMP TABLE IF NOT EXISTS pg_temp.review_ops (
    n int, op_id uuid, review_id uuid, account text, call_id bigint, template_id text,
    template_version int, calibration_id uuid, session_id uuid, fields jsonb
  ) ON COMMIT DROP;
  TRUNCATE pg_temp.review_ops;
  INSERT INTO pg_temp.review_ops
  SELECT * FROM jsonb_to_recordset(p_ops) AS r(n int, op_id uuid, review_id uuid, account text, call_id bigint,
    template_id text, template_version int, calibration_id uuid, session_id uuid, fields jsonb);

  SELECT k INTO bad FROM pg_temp.review_ops o, jsonb_object_keys(o.fields) AS k
  WHERE k NOT IN ('answers', 'comment', 'flagged', 'reviewed', 'score_percent', 'critical_failures', 'finished_at', 'active_ms', 'notes') LIMIT 1;
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'unknown review field %', bad USING ERRCODE = '22023'; END IF;
  IF EXISTS (SELECT 1 FROM pg_temp.review_ops o WHERE o.fields ? 'answers' AND jsonb_typeof(o.fields -> 'answers') <> 'object') THEN
    RAISE EXCEPTION 'answers must be an object' USING ERRCODE = '22023';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_temp.review_ops o WHERE o.fields ? 'notes' AND (jsonb_typeof(o.fields -> 'notes') <> 'array'
      OR jsonb_array_length(CASE WHEN jsonb_typeof(o.fields -> 'notes') = 'array' THEN o.fields -> 'notes' ELSE '[]' END) > 1000)) THEN
    RAISE EXCEPTION 'notes must be a list of at most 1000 notes' USING ERRCODE = '22023';
  END IF;

  WITH ins AS (
    INSERT INTO callreview.applied_ops (op_id) SELECT o.op_id FROM pg_temp.review_ops o
    ON CONFLICT ON CONSTRAINT applied_ops_pkey DO NOTHING RETURNING applied_ops.op_id
  ) SELECT coalesce(array_agg(ins.op_id), '{}') INTO fresh FROM ins;
  DELETE FROM pg_temp.review_ops o WHERE NOT (o.op_id = ANY (fresh));

  INSERT INTO callreview.reviews (id, account, call_id, template_id, template_version, calibration_id, session_id)
  SELECT DISTINCT ON (o.review_id) o.review_id, o.account, o.call_id, o.template_id, o.template_version, o.calibration_id, o.session_id
  FROM pg_temp.review_ops o ORDER BY o.review_id, o.n
  ON CONFLICT (id) DO NOTHING;

  -- Locks the batch's reviews; one the caller cannot write (another reviewer's) is not returned.
  PERFORM 1 FROM callreview.reviews r WHERE r.id IN (SELECT o.review_id FROM pg_temp.review_ops o) FOR UPDATE;
  SELECT o.review_id::text INTO bad FROM pg_temp.review_ops o
  WHERE NOT EXISTS (SELECT 1 FROM callreview.reviews r WHERE r.id = o.review_id AND r.reviewer = session_user) LIMIT 1;
  IF bad IS NOT NULL THEN RAISE EXCEPTION 'review % belongs to another reviewer', bad USING ERRCODE = '42501'; END IF;

  -- History: scalar fields, each change against the value before it.
  INSERT INTO callreview.review_history (review_id, field, old_value, new_value, op_id)
  SELECT s.review_id, s.key,
         CASE WHEN s.rn = 1 THEN to_jsonb(r) -> s.key ELSE s.before END,
         s.value, s.op_id
  FROM (
    SELECT o.n, o.op_id, o.review_id, f.key, f.value,
           lag(f.value) OVER (PARTITION BY o.review_id, f.key ORDER BY o.n) AS before,
           row_number() OVER (PARTITION BY o.review_id, f.key ORDER BY o.n) AS rn
    FROM pg_temp.review_ops o, jsonb_each(o.fields) f WHERE f.key <> 'answers'
  ) s JOIN callreview.reviews r ON r.id = s.review_id
  ORDER BY s.n;

  -- History: answers, one row per change with the old value of each criterion it set.
  INSERT INTO callreview.review_history (review_id, field, old_value, new_value, op_id)
  SELECT a.review_id, 'answers',
         jsonb_object_agg(a.crit, a.old) FILTER (WHERE a.old IS NOT NULL AND a.old <> 'null'::jsonb),
         min(a.answers::text)::jsonb, a.op_id
  FROM (
    SELECT o.n, o.op_id, o.review_id, o.fields -> 'answers' AS answers, c.key AS crit,
           CASE WHEN row_number() OVER w = 1 THEN r.answers -> c.key ELSE lag(c.value) OVER w END AS old
    FROM pg_temp.review_ops o
    JOIN callreview.reviews r ON r.id = o.review_id
    CROSS JOIN LATERAL jsonb_each(o.fields -> 'answers') c
    WHERE o.fields ? 'answers'
    WINDOW w AS (PARTITION BY o.review_id, c.key ORDER BY o.n)
  ) a
  GROUP BY a.n, a.op_id, a.review_id
  ORDER BY a.n;

  -- The rows: each field's last value in the batch; answers merged criterion by criterion.
  UPDATE callreview.reviews r SET
    answers = CASE WHEN l.answers IS NULL THEN r.answers ELSE jsonb_strip_nulls(r.answers || l.answers) END,
    comment = CASE WHEN coalesce(l.scalars ? 'comment', false) THEN l.scalars ->> 'comment' ELSE r.comment END,
    flagged = CASE WHEN coalesce(l.scalars ? 'flagged', false) THEN (l.scalars ->> 'flagged')::boolean ELSE r.flagged END,
    reviewed = CASE WHEN coalesce(l.scalars ? 'reviewed', false) THEN (l.scalars ->> 'reviewed')::boolean ELSE r.reviewed END,
    score_percent = CASE WHEN coalesce(l.scalars ? 'score_percent', false) THEN (l.scalars ->> 'score_percent')::numeric ELSE r.score_percent END,
    finished_at = CASE WHEN coalesce(l.scalars ? 'finished_at', false) THEN (l.scalars ->> 'finished_at')::timestamptz ELSE r.finished_at END,
    active_ms = CASE WHEN coalesce(l.scalars ? 'active_ms', false) THEN (l.scalars ->> 'active_ms')::bigint ELSE r.active_ms END,
    critical_failures = CASE WHEN coalesce(l.scalars ? 'critical_failures', false) THEN (l.scalars ->> 'critical_failures')::int ELSE r.critical_failures END,
    notes = CASE WHEN coalesce(l.scalars ? 'notes', false) THEN l.scalars -> 'notes' ELSE r.notes END,
    session_id = coalesce(l.session_id, r.session_id),
    updated_at = now()
  FROM (
    SELECT ids.review_id, ids.session_id, s.scalars, a.answers
    FROM (SELECT o.review_id, (array_agg(o.session_id ORDER BY o.n DESC) FILTER (WHERE o.session_id IS NOT NULL))[1] AS session_id
          FROM pg_temp.review_ops o GROUP BY o.review_id) ids
    LEFT JOIN (
      SELECT x.review_id, jsonb_object_agg(x.key, x.value) AS scalars FROM (
        SELECT DISTINCT ON (o.review_id, f.key) o.review_id, f.key, f.value
        FROM pg_temp.review_ops o, jsonb_each(o.fields) f WHERE f.key <> 'answers'
        ORDER BY o.review_id, f.key, o.n DESC) x
      GROUP BY x.review_id) s ON s.review_id = ids.review_id
    LEFT JOIN (
      SELECT x.review_id, jsonb_object_agg(x.key, x.value) AS answers FROM (
        SELECT DISTINCT ON (o.review_id, c.key) o.review_id, c.key, c.value
        FROM pg_temp.review_ops o, jsonb_each(o.fields -> 'answers') c WHERE o.fields ? 'answers'
        ORDER BY o.review_id, c.key, o.n DESC) x
      GROUP BY x.review_id) a ON a.review_id = ids.review_id
  ) l
  WHERE r.id = l.review_id;

  RETURN QUERY SELECT x.op_id, x.op_id = ANY (fresh)
  FROM jsonb_to_recordset(p_ops) AS x(n int, op_id uuid) ORDER BY x.n;
END $$;
`

export const TEAM_MIGRATIONS: readonly TeamMigration[] = [
  { version: 1, name: 'team schema, roles and row-level security', sql: V1_SCHEMA },
  { version: 2, name: 'dashboard rollups', sql: V2_DASHBOARD },
  { version: 3, name: 'calibration scores final once submitted or revealed', sql: V3_CALIBRATION_LOCK },
  { version: 4, name: 'pushed reviews notify connected leads', sql: V4_REVIEWS_NOTIFY },
  { version: 5, name: 'review notes and QA sessions', sql: V5_NOTES_AND_SESSIONS }
]
