package bot

// Reason says why the bot answered as it did: which rule of the decision
// gave the outcome.
type Reason string

// The reasons of the outcomes.
const (
	// ReasonConfident: the best topic cleared the answer threshold.
	ReasonConfident Reason = "confident"
	// ReasonTooClose: two or three topics were too close to call, and the
	// right one was likely among them.
	ReasonTooClose Reason = "too close to call"
	// ReasonBelowClarify: the best topic was under the clarify threshold.
	ReasonBelowClarify Reason = "below the clarify threshold"
	// ReasonNoCandidates: no topic matched at all.
	ReasonNoCandidates Reason = "no topic matched"
	// ReasonOutOfScope: the out-of-scope examples were at least as close
	// as the best topic.
	ReasonOutOfScope Reason = "out-of-scope examples closer"
	// ReasonUnsureNearOutOfScope: unsure of every topic, and nearly as
	// close to the out-of-scope examples.
	ReasonUnsureNearOutOfScope Reason = "unsure and close to out of scope"
	// ReasonUnsureRunnersUp: unsure, so the best topic was offered with
	// its plausible runners-up.
	ReasonUnsureRunnersUp Reason = "unsure, offered with runners-up"
	// ReasonUnsureLoneSuggested: unsure, and the lone plausible topic was
	// only suggested first among the fallback's topics.
	ReasonUnsureLoneSuggested Reason = "unsure lone candidate suggested"
	// ReasonPicked: the person picked the topic from a button or menu.
	ReasonPicked Reason = "topic picked"
	// ReasonUnknownTopic: the picked topic is not in the knowledge.
	ReasonUnknownTopic Reason = "unknown topic picked"
	// ReasonRateLimited: the person was over the rate limit.
	ReasonRateLimited Reason = "rate limited"
	// ReasonPersonalData: a public message looked like it held personal data.
	ReasonPersonalData Reason = "personal data"
	// ReasonCanceled: the request was canceled before it was answered.
	ReasonCanceled Reason = "canceled"
	// ReasonNumberNotOffered: the person wrote a number that names none of
	// the offered choices.
	ReasonNumberNotOffered Reason = "number not offered"
	// ReasonFollowUp: a follow-up of the topic just answered, given that
	// topic's follow-up answer.
	ReasonFollowUp Reason = "follow-up answered"
	// ReasonFollowUpNoAnswer: a follow-up of the topic just answered, which
	// has no follow-up answer for it: its related topics were offered.
	ReasonFollowUpNoAnswer Reason = "follow-up without an answer"
	// ReasonNotHelpful: the person said the previous reply did not help.
	ReasonNotHelpful Reason = "not helpful"
	// ReasonQuietAfterHandoff: a person was called into the conversation,
	// and the bot was not mentioned.
	ReasonQuietAfterHandoff Reason = "quiet after handoff"
	// ReasonInternalError: answering failed on the bot's side.
	ReasonInternalError Reason = "internal error"
)

// String returns the reason in words.
func (r Reason) String() string { return string(r) }
