-- Written by hand: the Drizzle schema cannot declare functions. A registration is one statement
-- (src/modules/events/register.ts, decision 024) that calls this function first: it takes the event's lock
-- (the key of src/modules/events/lock.ts, held until the statement's transaction ends) and only then reads
-- the seats. A function, because a statement reads the database as it was when the statement began, before
-- it waited for the lock; a VOLATILE PL/pgSQL function's queries each read it as it is when they run. The
-- status is null when the event is no longer the version the registration read (`xmin`, new at every
-- update of the row): the registration then starts again on the event as it is.
CREATE FUNCTION registration_seat(p_event uuid, p_version text, p_lock_key text) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  seat text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_lock_key, 0));
  SELECT CASE
      WHEN e.capacity IS NOT NULL AND (SELECT count(*) FROM registrations r
        WHERE r.event_id = e.id AND r.status = 'confirmed') >= e.capacity THEN 'waitlisted'
      ELSE 'confirmed'
    END
  INTO seat
  FROM events e WHERE e.id = p_event AND e.xmin::text = p_version;
  RETURN seat;
END
$$;
