package discord

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"

	"github.com/helpdeskbot/helpdeskbot/bot"
)

// maxPosts bounds the forum posts remembered at once; the oldest is
// forgotten first, after which its author's messages need a mention.
const maxPosts = 10000

// maxAppliedTags is Discord's limit of tags on one forum post.
const maxAppliedTags = 5

// forumPost is a post created in a forum channel while the adapter was
// connected.
type forumPost struct {
	id, forum, owner string
	// tags are the tags its author applied when creating it.
	tags []string
	// answered is set once its first message has been taken to answer.
	answered bool
}

// forumPosts remembers the posts created in the configured forum channels,
// so that their messages, which carry no forum id, are recognised.
type forumPosts struct {
	mu    sync.Mutex
	posts map[string]*forumPost
	order []string // ids, oldest first
}

func newForumPosts() *forumPosts { return &forumPosts{posts: map[string]*forumPost{}} }

// add remembers p, forgetting the oldest post beyond maxPosts.
func (f *forumPosts) add(p forumPost) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.posts[p.id]; ok {
		return // a replayed THREAD_CREATE
	}
	f.posts[p.id] = &p
	f.order = append(f.order, p.id)
	if len(f.order) > maxPosts {
		delete(f.posts, f.order[0])
		f.order = f.order[1:]
	}
}

// get returns the post with id, and whether it is known.
func (f *forumPosts) get(id string) (forumPost, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.posts[id]
	if !ok {
		return forumPost{}, false
	}
	return *p, true
}

// takeFirst reports whether this call is the first to take post id's
// first message to answer.
func (f *forumPosts) takeFirst(id string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.posts[id]
	if !ok || p.answered {
		return false
	}
	p.answered = true
	return true
}

// onThreadCreate remembers a post newly created in a configured forum
// channel; its first message arrives next and is answered in the post.
func (a *Adapter) onThreadCreate(_ *discordgo.Session, tc *discordgo.ThreadCreate) {
	if tc.Channel == nil || !tc.NewlyCreated || !slices.Contains(a.cfg.ForumChannelIDs, tc.ParentID) {
		return
	}
	a.forums.add(forumPost{id: tc.ID, forum: tc.ParentID, owner: tc.OwnerID, tags: slices.Clone(tc.AppliedTags)})
}

// tagPost applies the answered tag and the answered topic's tag to a post
// whose first message reply answered, keeping the tags already applied.
// A tag the forum lacks, and a failure, are logged once per forum and
// reason; nothing is retried.
func (a *Adapter) tagPost(ctx context.Context, post forumPost, reply bot.Reply) {
	topic, hasTopic := a.topicOf(reply)
	if a.cfg.ForumTags.Answered == "" && !hasTopic {
		return
	}
	forum, err := a.rest.Channel(post.forum, discordgo.WithContext(ctx))
	if err != nil {
		a.forumFailure(post.forum, "read forum tags", err)
		return
	}
	tags := slices.Clone(post.tags)
	add := func(id string) {
		if id != "" && !slices.Contains(tags, id) && len(tags) < maxAppliedTags {
			tags = append(tags, id)
		}
	}
	if a.cfg.ForumTags.Answered != "" {
		id := tagID(forum.AvailableTags, a.cfg.ForumTags.Answered)
		if id == "" {
			a.missingTag(post.forum, "forum_tags.answered", a.cfg.ForumTags.Answered)
		}
		add(id)
	}
	if hasTopic {
		add(topicTag(forum.AvailableTags, topic))
	}
	if len(tags) == len(post.tags) {
		return
	}
	if _, err := a.rest.ChannelEditComplex(post.id, &discordgo.ChannelEdit{AppliedTags: &tags}, discordgo.WithContext(ctx)); err != nil {
		a.forumFailure(post.forum, "tag forum post", err)
	}
}

// topicOf is the topic reply answered, if it answered one.
func (a *Adapter) topicOf(reply bot.Reply) (bot.Topic, bool) {
	if reply.Outcome != bot.Answered || reply.Intent == "" {
		return bot.Topic{}, false
	}
	k := a.bot.Knowledge()
	if k == nil {
		return bot.Topic{}, false
	}
	for _, t := range k.Topics {
		if t.ID == reply.Intent {
			return t, true
		}
	}
	return bot.Topic{}, false
}

// topicTag is the id of t's tag among available: the one its discord_tag
// names, else one named like its title or its id; empty when none is.
func topicTag(available []discordgo.ForumTag, t bot.Topic) string {
	if t.DiscordTag != "" {
		return tagID(available, t.DiscordTag)
	}
	if id := tagID(available, t.Title); id != "" {
		return id
	}
	return tagID(available, t.ID)
}

// tagID is the id of the tag named name (without regard to case), or
// empty.
func tagID(available []discordgo.ForumTag, name string) string {
	name = strings.TrimSpace(name)
	for _, t := range available {
		if name != "" && strings.EqualFold(strings.TrimSpace(t.Name), name) {
			return t.ID
		}
	}
	return ""
}

// missingTag logs once per forum that a configured tag is not one of its
// available tags.
func (a *Adapter) missingTag(forum, key, name string) {
	if a.firstTime("missing:" + forum + ":" + key) {
		a.log.Warn("forum tag not found: create it in the forum or change discord."+key, "forum", forum, "tag", name)
	}
}

// forumFailure logs a failed forum call once per forum, call and Discord
// error code ("A tag is required", missing permissions, ...).
func (a *Adapter) forumFailure(forum, what string, err error) {
	if a.firstTime("failure:" + forum + ":" + what + ":" + strconv.Itoa(errorCode(err))) {
		a.logFailure(what, err, "forum", forum)
	}
}

// firstTime reports whether key is seen for the first time.
func (a *Adapter) firstTime(key string) bool {
	_, seen := a.loggedOnce.LoadOrStore(key, true)
	return !seen
}
