-- The earliest deadline of a lead's open plan steps, kept on the lead whenever a step is added or settled, so that
-- the lead's next due date (after an acknowledgment, an activity) is worked out without reading its steps.
ALTER TABLE lead ADD COLUMN steps_due_at timestamptz;

UPDATE lead l SET steps_due_at = s.due
FROM (SELECT lead_id, min(due_at) AS due FROM plan_step WHERE state = 'OPEN' GROUP BY lead_id) s
WHERE s.lead_id = l.id;
