-- Written by hand: the rules of the solidarity funds' ledger that the Drizzle schema cannot declare
-- (decision 020). They hold whatever writes to the tables: the platform, a script, a person at psql.
--
-- 1. Append-only: the ledger's groups and lines and the receipts' numbers are never changed nor removed. A
--    mistake is corrected by a reversing group that names the one it reverses.
CREATE FUNCTION fund_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'le grand livre des fonds ne se modifie pas (%, table %) : enregistrez une contre-passation', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'P0001', HINT = 'fund_ledger_append_only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER fund_ledger_groups_append_only BEFORE UPDATE OR DELETE ON fund_ledger_groups
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER fund_ledger_groups_no_truncate BEFORE TRUNCATE ON fund_ledger_groups
  FOR EACH STATEMENT EXECUTE FUNCTION fund_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER fund_ledger_entries_append_only BEFORE UPDATE OR DELETE ON fund_ledger_entries
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER fund_ledger_entries_no_truncate BEFORE TRUNCATE ON fund_ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION fund_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER fund_receipts_append_only BEFORE UPDATE OR DELETE ON fund_receipts
  FOR EACH ROW EXECUTE FUNCTION fund_ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER fund_receipts_no_truncate BEFORE TRUNCATE ON fund_receipts
  FOR EACH STATEMENT EXECUTE FUNCTION fund_ledger_append_only();
--> statement-breakpoint
-- 2. Balanced: at commit, each group written has at least two lines and as much debited as credited.
--    Deferred, so that a group and its lines are written by several statements of one transaction.
CREATE FUNCTION fund_ledger_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  -- The column naming the group: `id` on a group, `group_id` on a line (the trigger's argument).
  gid uuid := (to_jsonb(NEW) ->> TG_ARGV[0])::uuid;
  lines integer;
  debits bigint;
  credits bigint;
BEGIN
  SELECT count(*), coalesce(sum(debit_cents), 0), coalesce(sum(credit_cents), 0)
    INTO lines, debits, credits FROM fund_ledger_entries WHERE group_id = gid;
  IF lines < 2 OR debits <> credits THEN
    RAISE EXCEPTION 'mouvement % déséquilibré : % ligne(s), débit % centimes, crédit % centimes', gid, lines, debits, credits
      USING ERRCODE = '23514', HINT = 'fund_ledger_balanced';
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER fund_ledger_groups_balanced AFTER INSERT ON fund_ledger_groups
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fund_ledger_balanced('id');
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER fund_ledger_entries_balanced AFTER INSERT ON fund_ledger_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fund_ledger_balanced('group_id');
--> statement-breakpoint
-- 3. The public transparency pages are cached for anonymous visitors under the scope « funds ». The ledger's
--    lines are always written with their group, whose trigger says the change: they need none of their own.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['funds', 'fund_contributors', 'fund_ledger_groups',
    'fund_allocations', 'fund_decisions', 'fund_reports', 'fund_events'] LOOP
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION record_change(%L)', t || '_changed', t, 'funds');
  END LOOP;
END
$$;
