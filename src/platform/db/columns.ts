// Column types the drizzle core does not have, shared by the modules' schemas.
import { customType } from 'drizzle-orm/pg-core';

/** Bytes (a file's content): a Buffer in and out, whichever engine the driver is. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
