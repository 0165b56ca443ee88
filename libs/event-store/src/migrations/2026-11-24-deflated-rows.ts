/**
 * Rows may now hold their object deflated (row-codec.ts) instead of as JSON text. The tables
 * do not change and rows written before read as they are; what this migration records is
 * that the log holds the new format, so an older api-server, which does not know it, refuses
 * the log (an unknown executed migration) instead of serving rows it cannot read. Frozen.
 */
import type { Kysely } from 'kysely';

export async function up(_db: Kysely<unknown>): Promise<void> {
  // Nothing to change in the schema: being recorded as executed is the point.
}
