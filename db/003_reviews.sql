-- Schema version 3: each review (one expert, one application) summed as the scores change.
-- Ranking reads 100,000 reviews instead of summing 500,000 scores each time; triggers keep the
-- summary exact whatever path writes a score (imports, merges, the workstation, hand edits).

CREATE TABLE reviews (
  application_id TEXT NOT NULL,
  expert_id      TEXT NOT NULL,
  total2         INTEGER NOT NULL,  -- sum of points2 of the criteria scored so far
  scored         INTEGER NOT NULL,  -- how many criteria have a score
  points         TEXT NOT NULL,     -- "criterion:points2,…" of the scored criteria
  PRIMARY KEY (application_id, expert_id)
) WITHOUT ROWID;

INSERT INTO reviews (application_id, expert_id, total2, scored, points)
SELECT application_id, expert_id, coalesce(sum(points2), 0), count(points2),
       coalesce(group_concat(CASE WHEN points2 IS NOT NULL THEN criterion || ':' || points2 END), '')
FROM scores GROUP BY application_id, expert_id;

-- No conflict clauses inside the triggers: an outer statement's ON CONFLICT (an upsert of a
-- score) would override them. Each trigger updates an existing summary row or inserts a missing one.

-- An insert (the bulk path: imports and merges) adds to the summary without rescanning.
CREATE TRIGGER scores_after_insert AFTER INSERT ON scores BEGIN
  UPDATE reviews SET
    total2 = total2 + coalesce(NEW.points2, 0),
    scored = scored + (NEW.points2 IS NOT NULL),
    points = CASE WHEN NEW.points2 IS NULL THEN points
                  WHEN points = '' THEN NEW.criterion || ':' || NEW.points2
                  ELSE points || ',' || NEW.criterion || ':' || NEW.points2 END
  WHERE application_id = NEW.application_id AND expert_id = NEW.expert_id;
  INSERT INTO reviews (application_id, expert_id, total2, scored, points)
  SELECT NEW.application_id, NEW.expert_id, coalesce(NEW.points2, 0), NEW.points2 IS NOT NULL,
         CASE WHEN NEW.points2 IS NULL THEN '' ELSE NEW.criterion || ':' || NEW.points2 END
  WHERE NOT EXISTS (SELECT 1 FROM reviews WHERE application_id = NEW.application_id AND expert_id = NEW.expert_id);
END;

-- Updates and deletes (score edits, replaced packages) recompute the review from its scores.
CREATE TRIGGER scores_after_update AFTER UPDATE ON scores BEGIN
  DELETE FROM reviews WHERE application_id = OLD.application_id AND expert_id = OLD.expert_id;
  DELETE FROM reviews WHERE application_id = NEW.application_id AND expert_id = NEW.expert_id;
  INSERT INTO reviews (application_id, expert_id, total2, scored, points)
  SELECT application_id, expert_id, coalesce(sum(points2), 0), count(points2),
         coalesce(group_concat(CASE WHEN points2 IS NOT NULL THEN criterion || ':' || points2 END), '')
  FROM scores
  WHERE (application_id = OLD.application_id AND expert_id = OLD.expert_id)
     OR (application_id = NEW.application_id AND expert_id = NEW.expert_id)
  GROUP BY application_id, expert_id;
END;

CREATE TRIGGER scores_after_delete AFTER DELETE ON scores BEGIN
  DELETE FROM reviews WHERE application_id = OLD.application_id AND expert_id = OLD.expert_id;
  INSERT INTO reviews (application_id, expert_id, total2, scored, points)
  SELECT application_id, expert_id, coalesce(sum(points2), 0), count(points2),
         coalesce(group_concat(CASE WHEN points2 IS NOT NULL THEN criterion || ':' || points2 END), '')
  FROM scores WHERE application_id = OLD.application_id AND expert_id = OLD.expert_id
  GROUP BY application_id, expert_id;
END;
