-- Search reads search_vector for every candidate it looks at (the match in a scan, the rank of every
-- hit, up to 400 per query). A row over about 2 kB (description plus its vector, most Atoms of the
-- bench's catalog) had its search_vector moved out of line (TOAST: tsvectors do not compress), so
-- each look was an index lookup and a read of the TOAST table. Keep rows whole in their page up to
-- a page's size: vectors are read where the row is. Measured (deploy/bench/RESULTS.md, issue 15):
-- the database's CPU per search statement about halved at 1,000 Atoms and a third lower at 100,000;
-- writes no longer store the vector apart.
ALTER TABLE atom SET (toast_tuple_target = 8160);

-- Rows written before keep their out-of-line vectors until rewritten: store them anew (same values).
UPDATE atom SET search_vector = search_vector || ''::tsvector;
