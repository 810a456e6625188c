import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { auditLog } from './platform.schema.ts';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entity: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
  /** An SQL condition on the statement's other parts: the row is written only if it holds. */
  when?: SQL;
}

/** The insert of an audit row, as a part of a statement that writes it with what it records (`together`). */
export function auditInsert(entry: AuditEntry): SQL {
  return sql`insert into ${auditLog} (actor_id, action, entity, entity_id, data)
    select ${entry.actorId}::uuid, ${entry.action}, ${entry.entity}, ${entry.entityId ?? null},
      ${entry.data ? JSON.stringify(entry.data) : null}::jsonb
    where ${entry.when ?? sql`true`}`;
}

/** Records a write; call it with the transaction that makes the write. */
export async function audit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.execute(auditInsert(entry));
}
