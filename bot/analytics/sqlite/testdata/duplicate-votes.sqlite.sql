-- A SQLite store at schema version 3, before one vote per person per turn:
-- u1 voted three times on turn 1 (the last 👎 stands), u3 twice on an okta
-- answer whose turn was not recorded (the last 👍 stands), and two votes
-- without a person.
CREATE TABLE turns (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	adapter TEXT NOT NULL,
	"user" TEXT NOT NULL,
	text TEXT NOT NULL,
	intent TEXT NOT NULL,
	outcome TEXT NOT NULL,
	confidence REAL NOT NULL,
	runner_up TEXT NOT NULL,
	latency_us INTEGER NOT NULL,
	knowledge TEXT NOT NULL
);
CREATE INDEX turns_at ON turns(at);
CREATE INDEX turns_user ON turns("user");
CREATE TABLE feedback (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	adapter TEXT NOT NULL,
	"user" TEXT NOT NULL,
	intent TEXT NOT NULL,
	helpful INTEGER NOT NULL
);
CREATE INDEX feedback_at ON feedback(at);
CREATE INDEX feedback_user ON feedback("user");
CREATE TABLE turn_counts (
	hour INTEGER NOT NULL,
	intent TEXT NOT NULL,
	adapter TEXT NOT NULL,
	outcome TEXT NOT NULL,
	n INTEGER NOT NULL,
	PRIMARY KEY (hour, intent, adapter, outcome)
);
CREATE INDEX turns_outcome_at ON turns(outcome, at);
CREATE INDEX turns_outcome_confidence ON turns(outcome, confidence);
ALTER TABLE feedback ADD COLUMN turn_id INTEGER;

INSERT INTO turns VALUES
	(1, 1000, 'slack', 'u1', 'stuck on selfie', 'selfie', 'answered', 0.9, '', 10, 'v1'),
	(2, 1000, 'slack', 'u2', 'selfie fails', 'selfie', 'answered', 0.9, '', 10, 'v1');
INSERT INTO turn_counts VALUES (0, 'selfie', 'slack', 'answered', 2);
INSERT INTO feedback (id, at, adapter, "user", intent, helpful, turn_id) VALUES
	(1, 2000, 'slack', 'u1', 'selfie', 0, 1),
	(2, 3000, 'slack', 'u1', 'selfie', 1, 1),
	(3, 3000, 'slack', 'u1', 'selfie', 0, 1),
	(4, 2000, 'slack', 'u2', 'selfie', 0, 2),
	(5, 2000, 'slack', 'u3', 'okta', 0, NULL),
	(6, 2500, 'slack', 'u3', 'okta', 1, NULL),
	(7, 2000, 'slack', '', 'selfie', 0, NULL),
	(8, 2000, 'slack', '', 'selfie', 0, NULL);
PRAGMA user_version = 3;
