-- Idempotency-Key is the platform's now, the same on every creating request (idempotent_request, platform V0_4).
DROP TABLE idempotency_key;
