-- Licenses are SPDX license expressions now ("GPL-2.0-only WITH Classpath-exception-2.0 OR MIT"),
-- not a single identifier: room for 255 characters, as the API allows.
ALTER TABLE atom ALTER COLUMN license TYPE VARCHAR(255);
