package bot

// Link is a resource an answer points to: a link button on chat platforms,
// a list item in plain text.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// FollowUp is a short answer to a question that comes after a topic's
// answer ("it says face not found" after the selfie step), recognized by
// its examples.
type FollowUp struct {
	Examples []string
	Answer   string
}
