-- The search vectors are computed from the name, display name, tags, summary and description (V1's
-- trigger). An UPDATE OF those columns fires the trigger even when their values stay the same, and
-- Hibernate's updates set every column: an owner change, a deprecation, a new latest version and an
-- erasure recomputed five to_tsvector() each, about three times the cost of the rest of the update
-- (measured on the bench's catalog). The vectors are now recomputed only when one of those values
-- changes; an insert computes them as before.
DROP TRIGGER atom_search_vector_trg ON atom;

CREATE TRIGGER atom_search_vector_insert_trg BEFORE INSERT ON atom
    FOR EACH ROW EXECUTE FUNCTION atom_search_vector_update();

CREATE TRIGGER atom_search_vector_update_trg BEFORE UPDATE OF name, display_name, tags, summary, description ON atom
    FOR EACH ROW
    WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.tags IS DISTINCT FROM NEW.tags
          OR OLD.summary IS DISTINCT FROM NEW.summary OR OLD.description IS DISTINCT FROM NEW.description)
    EXECUTE FUNCTION atom_search_vector_update();
