-- A PostgreSQL store at schema version 2, before one vote per person per
-- turn, holding the votes of duplicate-votes.sqlite.sql.
CREATE TABLE helpdesk_migrations (version INT PRIMARY KEY);
INSERT INTO helpdesk_migrations VALUES (1), (2);
CREATE TABLE turns (
	id BIGSERIAL PRIMARY KEY,
	at BIGINT NOT NULL,
	adapter TEXT NOT NULL,
	"user" TEXT NOT NULL,
	text TEXT NOT NULL,
	intent TEXT NOT NULL,
	outcome TEXT NOT NULL,
	confidence DOUBLE PRECISION NOT NULL,
	runner_up TEXT NOT NULL,
	latency_us BIGINT NOT NULL,
	knowledge TEXT NOT NULL
);
CREATE INDEX turns_at ON turns(at);
CREATE INDEX turns_user ON turns("user");
CREATE INDEX turns_outcome_at ON turns(outcome, at);
CREATE INDEX turns_outcome_confidence ON turns(outcome, confidence);
CREATE TABLE feedback (
	id BIGSERIAL PRIMARY KEY,
	at BIGINT NOT NULL,
	adapter TEXT NOT NULL,
	"user" TEXT NOT NULL,
	intent TEXT NOT NULL,
	helpful BOOLEAN NOT NULL
);
CREATE INDEX feedback_at ON feedback(at);
CREATE INDEX feedback_user ON feedback("user");
CREATE TABLE turn_counts (
	hour BIGINT NOT NULL,
	intent TEXT NOT NULL,
	adapter TEXT NOT NULL,
	outcome TEXT NOT NULL,
	n BIGINT NOT NULL,
	PRIMARY KEY (hour, intent, adapter, outcome)
);
ALTER TABLE feedback ADD COLUMN turn_id BIGINT;

INSERT INTO turns VALUES
	(1, 1000, 'slack', 'u1', 'stuck on selfie', 'selfie', 'answered', 0.9, '', 10, 'v1'),
	(2, 1000, 'slack', 'u2', 'selfie fails', 'selfie', 'answered', 0.9, '', 10, 'v1');
SELECT setval('turns_id_seq', 2);
INSERT INTO turn_counts VALUES (0, 'selfie', 'slack', 'answered', 2);
INSERT INTO feedback (id, at, adapter, "user", intent, helpful, turn_id) VALUES
	(1, 2000, 'slack', 'u1', 'selfie', false, 1),
	(2, 3000, 'slack', 'u1', 'selfie', true, 1),
	(3, 3000, 'slack', 'u1', 'selfie', false, 1),
	(4, 2000, 'slack', 'u2', 'selfie', false, 2),
	(5, 2000, 'slack', 'u3', 'okta', false, NULL),
	(6, 2500, 'slack', 'u3', 'okta', true, NULL),
	(7, 2000, 'slack', '', 'selfie', false, NULL),
	(8, 2000, 'slack', '', 'selfie', false, NULL);
SELECT setval('feedback_id_seq', 8);
