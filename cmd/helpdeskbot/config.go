package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/netip"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cast"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/helpdeskbot/helpdeskbot/bot"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/postgres"
	"github.com/helpdeskbot/helpdeskbot/bot/analytics/sqlite"
	"github.com/helpdeskbot/helpdeskbot/bot/discord"
	"github.com/helpdeskbot/helpdeskbot/bot/reload"
	"github.com/helpdeskbot/helpdeskbot/bot/slack"
)

// Config is everything helpdeskbot reads from its configuration file,
// environment (HELPDESK_*) and flags, in that order of increasing priority.
type Config struct {
	// Knowledge is the knowledge folder; empty means the one built in.
	Knowledge string
	// Match holds the thresholds that choose between answering, clarifying
	// and falling back.
	Match bot.Thresholds
	// HTTP is the listener of "serve".
	HTTP HTTPConfig
	// APIToken, when set, is required as a bearer token by POST /v1/ask.
	APIToken string
	// Reload configures hot reloading of the knowledge folder.
	Reload ReloadConfig
	// ShutdownTimeout bounds how long serve waits for answers under way
	// when it stops.
	ShutdownTimeout time.Duration
	// Limits protect serve from floods and overload.
	Limits LimitsConfig
	// Analytics records turns for reports.
	Analytics AnalyticsConfig
	// State is the state several replicas share.
	State StateConfig
	// Console serves the admins' web console under /console/.
	Console bool
	// Metrics configures GET /metrics.
	Metrics MetricsConfig
	// Log configures the logs of "serve".
	Log LogConfig
	// Channels are the settings of single Slack and Discord channels.
	Channels []ChannelConfig
	// Slack configures the Slack adapter; it is off when no key is set.
	Slack slack.Config
	// Discord configures the Discord adapter; it is off when no key is set.
	Discord discord.Config
	// DiscordGateway is the discord.gateway key: nil means on when a token
	// is set; false sets Discord.HTTPOnly.
	DiscordGateway *bool
	// Conversation configures what the bot remembers of a conversation.
	Conversation ConversationConfig
	// Handoff configures calling a person into a conversation.
	Handoff HandoffConfig
	// Guard configures the personal-data guard.
	Guard GuardConfig
}

// ConversationConfig configures the memory of conversations.
type ConversationConfig struct {
	// TTL is how long a conversation is remembered after its last turn.
	TTL time.Duration
	// MaxEntries bounds the conversations remembered at once; the least
	// recently used one is forgotten to make room.
	MaxEntries int
}

// HandoffConfig configures calling a person.
type HandoffConfig struct {
	// Quiet is how long the bot stays quiet in a conversation after
	// calling a person, unless mentioned; 0 never keeps it quiet.
	Quiet time.Duration
	// Message is the text that calls the person, after the mention or
	// with the link; empty means each adapter's default.
	Message string
	// SlackUsergroup is the id of a Slack user group (S...) mentioned in
	// the thread; SlackChannel is the id of a channel (C...) where a link
	// to the thread is posted instead. At most one of the two.
	SlackUsergroup, SlackChannel string
	// DiscordRole is the id of a Discord role mentioned in the thread or
	// channel; DiscordChannel is the id of a channel where a link to the
	// message is posted instead. At most one of the two.
	DiscordRole, DiscordChannel string
	// HTTP says the callers of /v1/ask call a person themselves when a
	// response's handoff is set.
	HTTP bool
}

// validate reports the first invalid handoff value, naming its key.
func (c HandoffConfig) validate() error {
	switch {
	case c.Quiet < 0:
		return fmt.Errorf("handoff.quiet: %v must not be negative", c.Quiet)
	case c.SlackUsergroup != "" && c.SlackChannel != "":
		return errors.New("handoff.slack_channel: set either handoff.slack_usergroup or handoff.slack_channel, not both")
	case c.SlackUsergroup != "" && !slackID(c.SlackUsergroup, "S"):
		return fmt.Errorf("handoff.slack_usergroup: %q is not a user group id like S0123ABCD", c.SlackUsergroup)
	case c.SlackChannel != "" && !slackID(c.SlackChannel, "CG"):
		return fmt.Errorf("handoff.slack_channel: %q is not a channel id like C0123ABCD", c.SlackChannel)
	case c.DiscordRole != "" && c.DiscordChannel != "":
		return errors.New("handoff.discord_channel: set either handoff.discord_role or handoff.discord_channel, not both")
	case c.DiscordRole != "" && !snowflake(c.DiscordRole):
		return fmt.Errorf("handoff.discord_role: %q is not a role id (digits)", c.DiscordRole)
	case c.DiscordChannel != "" && !snowflake(c.DiscordChannel):
		return fmt.Errorf("handoff.discord_channel: %q is not a channel id (digits)", c.DiscordChannel)
	case len(c.Message) > 500:
		return errors.New("handoff.message: must be at most 500 characters")
	}
	return nil
}

// slackID reports whether s looks like a Slack id starting with one of
// the letters in first: upper-case letters and digits.
func slackID(s, first string) bool {
	if len(s) < 2 || len(s) > 32 || !strings.ContainsRune(first, rune(s[0])) {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// snowflake reports whether s looks like a Discord id: digits only.
func snowflake(s string) bool {
	if s == "" || len(s) > 20 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// GuardConfig configures the personal-data guard.
type GuardConfig struct {
	// Images says where an image attached to a public message makes the
	// guard answer privately, as it may be a photo of a document: "on" or
	// "off" for every channel, "CHANNEL=on" or "CHANNEL=off" for one
	// (by the platform's channel id). Empty means on everywhere.
	Images []string
}

// ImageGuard returns the image rule the items of Images describe; later
// items win.
func (c GuardConfig) ImageGuard() (bot.ImageGuard, error) {
	g := bot.DefaultImageGuard()
	for _, item := range c.Images {
		channel, state, one := strings.Cut(item, "=")
		if !one {
			channel, state = "", item
		}
		var on bool
		switch strings.ToLower(state) {
		case "on", "true":
			on = true
		case "off", "false":
		default:
			return bot.ImageGuard{}, fmt.Errorf("%q is not on, off, CHANNEL=on or CHANNEL=off", item)
		}
		switch {
		case !one:
			g.Default = on
		case channel == "":
			return bot.ImageGuard{}, fmt.Errorf("%q names no channel", item)
		default:
			if g.Channels == nil {
				g.Channels = map[string]bool{}
			}
			g.Channels[channel] = on
		}
	}
	return g, nil
}

// HTTPConfig configures the HTTP listener.
type HTTPConfig struct {
	// Addr is host:port to listen on.
	Addr string
	// TrustedProxies are the proxies (CIDRs or addresses) whose
	// X-Forwarded-For names the client of /v1/ask, for its rate limit.
	TrustedProxies []string
}

// Proxies returns the trusted proxies as prefixes; the configuration must
// be valid.
func (c HTTPConfig) Proxies() []netip.Prefix {
	ps := make([]netip.Prefix, 0, len(c.TrustedProxies))
	for _, s := range c.TrustedProxies {
		if p, err := parseProxy(s); err == nil {
			ps = append(ps, p)
		}
	}
	return ps
}

// parseProxy reads a CIDR, or one address as a prefix of its own.
func parseProxy(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		return p.Masked(), err
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

// MetricsConfig configures GET /metrics.
type MetricsConfig struct {
	// Token, when set, is required as a bearer token by /metrics. Without
	// it, /metrics needs api_token when that is set, and is served only to
	// localhost when neither is.
	Token string
}

// metricsToken is the bearer token /metrics needs, if any.
func (c Config) metricsToken() string {
	if c.Metrics.Token != "" {
		return c.Metrics.Token
	}
	return c.APIToken
}

// LogConfig configures logging.
type LogConfig struct {
	// Format is "text" or "json".
	Format string
	// Level is "debug", "info", "warn" or "error".
	Level string
	// MessageText says what of a message's text the turn log shows: "off"
	// (nothing), "redacted" (personal data masked) or "full".
	MessageText string
	// UserHashKey keys the hash of user ids in logs; empty means a random
	// key per process, so hashes cannot be matched across restarts.
	UserHashKey string
}

// LimitsConfig bounds what one person, and everyone together, can ask.
type LimitsConfig struct {
	// PerMinute and Burst are each person's token bucket; 0 turns it off.
	// On /v1/ask, a request without a user is limited so per client address.
	PerMinute float64
	Burst     int
	// AddressPerMinute and AddressBurst bound all /v1/ask requests with a
	// user from one client address, so that a new user per request does
	// not escape the limit; 0 turns it off.
	AddressPerMinute float64
	AddressBurst     int
	// Concurrency bounds the /v1/ask requests answered at once; more get 503.
	Concurrency int
}

// AnalyticsConfig configures the record of conversation turns.
type AnalyticsConfig struct {
	// Path is the SQLite file; empty records nothing (unless PostgresURL).
	Path string
	// PostgresURL is a PostgreSQL database to record into instead, shared by
	// several replicas.
	PostgresURL string
	// RetentionDays is how long turns are kept.
	RetentionDays int
}

// Enabled reports whether turns are recorded.
func (c AnalyticsConfig) Enabled() bool { return c.Path != "" || c.PostgresURL != "" }

// open opens the configured store.
func (c AnalyticsConfig) open(ctx context.Context) (analytics.Store, error) {
	if c.PostgresURL != "" {
		return postgres.Open(ctx, c.PostgresURL)
	}
	return sqlite.Open(ctx, c.Path)
}

// ReloadConfig configures hot reloading.
type ReloadConfig struct {
	// Watch turns watching the knowledge folder on.
	Watch bool
	// Debounce is the quiet time before a reload.
	Debounce time.Duration
	// MinAccuracy is the least accuracy on the folder's _tests.tsv.
	MinAccuracy float64
	// MaxChangedShare, when above 0 and analytics is on, refuses a version
	// that changes more than this share of last week's answered questions.
	MaxChangedShare float64
}

// DefaultConfig is the configuration when nothing is set.
func DefaultConfig() Config {
	return Config{
		Match:           bot.DefaultThresholds(),
		HTTP:            HTTPConfig{Addr: "127.0.0.1:8080"},
		Log:             LogConfig{Format: "text", Level: "info", MessageText: "off"},
		Reload:          ReloadConfig{Watch: true, Debounce: reload.DefaultDebounce, MinAccuracy: 0.9},
		ShutdownTimeout: 15 * time.Second,
		Limits:          LimitsConfig{PerMinute: 20, Burst: 5, AddressPerMinute: 120, AddressBurst: 30, Concurrency: 256},
		Analytics:       AnalyticsConfig{RetentionDays: 30},
		Conversation:    ConversationConfig{TTL: bot.DefaultConversationTTL, MaxEntries: 100_000},
		Handoff:         HandoffConfig{Quiet: bot.DefaultHandoffQuiet},
		State:           StateConfig{ClaimLease: bot.DefaultClaimLease},
		Slack:           slack.Config{Command: slack.DefaultCommand},
	}
}

// Validate reports the first invalid value, naming its key.
func (c Config) Validate() error {
	if c.Knowledge != "" {
		st, err := os.Stat(c.Knowledge)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("knowledge: folder %q does not exist", c.Knowledge)
		case err != nil:
			return fmt.Errorf("knowledge: %w", err)
		case !st.IsDir():
			return fmt.Errorf("knowledge: %q is not a folder", c.Knowledge)
		}
	}
	if err := c.Match.Validate(); err != nil {
		return fmt.Errorf("match.%w", err)
	}
	if _, _, err := net.SplitHostPort(c.HTTP.Addr); err != nil {
		return fmt.Errorf("http.addr: %q is not host:port", c.HTTP.Addr)
	}
	for _, p := range c.HTTP.TrustedProxies {
		if _, err := parseProxy(p); err != nil {
			return fmt.Errorf("http.trusted_proxies: %q is not a CIDR like 10.0.0.0/8 or an address", p)
		}
	}
	if strings.IndexFunc(c.Metrics.Token, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0 {
		return errors.New("metrics.token: must not hold spaces or control characters")
	}
	if !slices.Contains([]string{"text", "json"}, c.Log.Format) {
		return fmt.Errorf("log.format: %q is not text or json", c.Log.Format)
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.Log.Level) {
		return fmt.Errorf("log.level: %q is not debug, info, warn or error", c.Log.Level)
	}
	if !slices.Contains([]string{"off", "redacted", "full"}, c.Log.MessageText) {
		return fmt.Errorf("log.message_text: %q is not off, redacted or full", c.Log.MessageText)
	}
	if c.Reload.Debounce <= 0 {
		return fmt.Errorf("reload.debounce: %v must be positive", c.Reload.Debounce)
	}
	if c.Reload.MinAccuracy < 0 || c.Reload.MinAccuracy > 1 {
		return fmt.Errorf("reload.min_accuracy: %v is not between 0 and 1", c.Reload.MinAccuracy)
	}
	if c.Reload.MaxChangedShare < 0 || c.Reload.MaxChangedShare > 1 {
		return fmt.Errorf("reload.max_changed_share: %v is not between 0 and 1", c.Reload.MaxChangedShare)
	}
	if c.ShutdownTimeout <= 0 {
		return fmt.Errorf("shutdown.timeout: %v must be positive", c.ShutdownTimeout)
	}
	if c.Limits.PerMinute < 0 || c.Limits.Burst < 0 {
		return fmt.Errorf("limits.per_minute: the rate and burst must not be negative")
	}
	if c.Limits.PerMinute > 0 && c.Limits.Burst == 0 {
		return fmt.Errorf("limits.burst: must be at least 1 when limits.per_minute is set")
	}
	if c.Limits.AddressPerMinute < 0 || c.Limits.AddressBurst < 0 {
		return fmt.Errorf("limits.per_address_per_minute: the rate and burst must not be negative")
	}
	if c.Limits.AddressPerMinute > 0 && c.Limits.AddressBurst == 0 {
		return fmt.Errorf("limits.per_address_burst: must be at least 1 when limits.per_address_per_minute is set")
	}
	if c.Analytics.RetentionDays < 1 {
		return fmt.Errorf("analytics.retention_days: %d must be at least 1", c.Analytics.RetentionDays)
	}
	if c.Analytics.Path != "" && c.Analytics.PostgresURL != "" {
		return errors.New("analytics.postgres_url: set either analytics.path (SQLite) or analytics.postgres_url, not both")
	}
	if c.Analytics.Enabled() && c.Log.UserHashKey == "" {
		return errors.New("log.user_hash_key: required with analytics, so that one person's turns can be found and purged")
	}
	if err := c.State.validate(); err != nil {
		return err
	}
	if c.Limits.Concurrency < 1 {
		return fmt.Errorf("limits.concurrency: %d must be at least 1", c.Limits.Concurrency)
	}
	if c.Conversation.TTL <= 0 {
		return fmt.Errorf("conversation.ttl: %v must be positive", c.Conversation.TTL)
	}
	if c.Conversation.MaxEntries < 1 {
		return fmt.Errorf("conversation.max_entries: %d must be at least 1", c.Conversation.MaxEntries)
	}
	if err := c.Handoff.validate(); err != nil {
		return err
	}
	if _, err := c.Guard.ImageGuard(); err != nil {
		return fmt.Errorf("guard.images: %w", err)
	}
	if err := validateChannels(c.Channels, c.Discord.MessageContent); err != nil {
		return err
	}
	if c.Slack.Enabled() {
		if err := c.Slack.Validate(); err != nil {
			return fmt.Errorf("slack.%w", err)
		}
	}
	if c.Discord.Enabled() {
		if c.DiscordGateway != nil && *c.DiscordGateway && c.Discord.Token == "" {
			return errors.New("discord.token: required for the gateway (or set gateway: false and public_key for the HTTP endpoint)")
		}
		if err := c.Discord.Validate(); err != nil {
			return fmt.Errorf("discord.%w", err)
		}
	}
	return nil
}

// configError is a configuration problem: the process exits with code 2.
type configError struct{ err error }

func (e configError) Error() string { return "config: " + e.err.Error() }
func (e configError) Unwrap() error { return e.err }

func settings(c *Config) []setting {
	return []setting{
		{key: "knowledge", flag: "knowledge", value: textValue(&c.Knowledge)},
		{key: "match.answer_threshold", flag: "answer-threshold", value: numberValue(&c.Match.Answer)},
		{key: "match.clarify_threshold", flag: "clarify-threshold", value: numberValue(&c.Match.Clarify)},
		{key: "match.clarify_margin", flag: "clarify-margin", value: numberValue(&c.Match.Margin)},
		{key: "http.addr", flag: "http-addr", value: textValue(&c.HTTP.Addr)},
		{key: "http.trusted_proxies", value: listValue(&c.HTTP.TrustedProxies)},
		{key: "log.format", flag: "log-format", value: textValue(&c.Log.Format)},
		{key: "log.level", flag: "log-level", value: textValue(&c.Log.Level)},
		{key: "log.message_text", value: textValue(&c.Log.MessageText)},
		{key: "log.user_hash_key", value: textValue(&c.Log.UserHashKey)},
		{key: "api_token", value: textValue(&c.APIToken)},
		{key: "reload.watch", value: boolValue(&c.Reload.Watch)},
		{key: "reload.debounce", value: durationValue(&c.Reload.Debounce)},
		{key: "reload.min_accuracy", value: numberValue(&c.Reload.MinAccuracy)},
		{key: "reload.max_changed_share", value: numberValue(&c.Reload.MaxChangedShare)},
		{key: "shutdown.timeout", value: durationValue(&c.ShutdownTimeout)},
		{key: "limits.per_minute", value: numberValue(&c.Limits.PerMinute)},
		{key: "limits.burst", value: integerValue(&c.Limits.Burst)},
		{key: "limits.per_address_per_minute", value: numberValue(&c.Limits.AddressPerMinute)},
		{key: "limits.per_address_burst", value: integerValue(&c.Limits.AddressBurst)},
		{key: "limits.concurrency", value: integerValue(&c.Limits.Concurrency)},
		{key: "conversation.ttl", value: durationValue(&c.Conversation.TTL)},
		{key: "conversation.max_entries", value: integerValue(&c.Conversation.MaxEntries)},
		{key: "handoff.quiet", value: durationValue(&c.Handoff.Quiet)},
		{key: "handoff.message", value: textValue(&c.Handoff.Message)},
		{key: "handoff.slack_usergroup", value: textValue(&c.Handoff.SlackUsergroup)},
		{key: "handoff.slack_channel", value: textValue(&c.Handoff.SlackChannel)},
		{key: "handoff.discord_role", value: textValue(&c.Handoff.DiscordRole)},
		{key: "handoff.discord_channel", value: textValue(&c.Handoff.DiscordChannel)},
		{key: "handoff.http", value: boolValue(&c.Handoff.HTTP)},
		{key: "analytics.path", value: textValue(&c.Analytics.Path)},
		{key: "analytics.postgres_url", value: textValue(&c.Analytics.PostgresURL)},
		{key: "analytics.retention_days", value: integerValue(&c.Analytics.RetentionDays)},
		{key: "state.postgres_url", value: textValue(&c.State.PostgresURL)},
		{key: "state.claim_lease", value: durationValue(&c.State.ClaimLease)},
		{key: "console.enabled", value: boolValue(&c.Console)},
		{key: "metrics.token", value: textValue(&c.Metrics.Token)},
		{key: "slack.bot_token", value: textValue(&c.Slack.BotToken)},
		{key: "slack.signing_secret", value: textValue(&c.Slack.SigningSecret)},
		{key: "slack.app_token", value: textValue(&c.Slack.AppToken)},
		{key: "slack.api_url", value: textValue(&c.Slack.APIURL)},
		{key: "slack.command", value: textValue(&c.Slack.Command)},
		{key: "slack.help_channel_ids", value: listValue(&c.Slack.HelpChannelIDs)},
		{key: "slack.shortcut_private", value: boolValue(&c.Slack.ShortcutPrivate)},
		{key: "discord.token", value: textValue(&c.Discord.Token)},
		{key: "discord.application_id", value: textValue(&c.Discord.ApplicationID)},
		{key: "discord.public_key", value: textValue(&c.Discord.PublicKey)},
		{key: "discord.guild_ids", value: listValue(&c.Discord.GuildIDs)},
		{key: "discord.help_channel_ids", value: listValue(&c.Discord.HelpChannelIDs)},
		{key: "discord.forum_channel_ids", value: listValue(&c.Discord.ForumChannelIDs)},
		{key: "discord.forum_tags.answered", value: textValue(&c.Discord.ForumTags.Answered)},
		{key: "discord.forum_tags.solved", value: textValue(&c.Discord.ForumTags.Solved)},
		{key: "discord.message_content", value: boolValue(&c.Discord.MessageContent)},
		{key: "discord.api_url", value: textValue(&c.Discord.APIURL)},
		{key: "discord.gateway", value: optionalBoolValue(&c.DiscordGateway)},
		{key: "discord.public", value: boolValue(&c.Discord.Public)},
		{key: "discord.delete_personal_data", value: boolValue(&c.Discord.DeletePersonalData)},
		{key: "guard.images", value: listValue(&c.Guard.Images)},
		{key: "channels", value: channelsValue(&c.Channels)},
	}
}

// loadConfig reads the configuration file named by --config (if any), the
// environment and the flags.
func loadConfig(flags *pflag.FlagSet) (Config, error) {
	cfg := DefaultConfig()
	all := settings(&cfg)
	v := viper.New()
	v.SetEnvPrefix("HELPDESK")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	for _, s := range all {
		v.SetDefault(s.key, s.value.viperDefault())
		if f := flags.Lookup(s.flag); s.flag != "" && f != nil {
			if err := v.BindPFlag(s.key, f); err != nil {
				return Config{}, configError{err}
			}
		}
	}
	if f := flags.Lookup("config"); f != nil && f.Value.String() != "" {
		v.SetConfigFile(f.Value.String())
		if err := v.ReadInConfig(); err != nil {
			return Config{}, configError{fmt.Errorf("read %s: %s", f.Value.String(), oneLine(err))}
		}
		known := make([]string, len(all))
		for i, s := range all {
			known[i] = s.key
		}
		for _, key := range v.AllKeys() {
			if !slices.Contains(known, key) {
				if near := closest(key, known, "."); near != "" {
					return Config{}, configError{fmt.Errorf("%s: unknown key; did you mean %s?", key, near)}
				}
				return Config{}, configError{fmt.Errorf("%s: unknown key (known: %s)", key, strings.Join(known, ", "))}
			}
		}
	}
	if err := checkEnvironment(os.Environ(), all); err != nil {
		return Config{}, configError{err}
	}
	for _, s := range all {
		if err := s.value.read(v.Get(s.key)); err != nil {
			return Config{}, configError{fmt.Errorf("%s: %w", s.key, err)}
		}
	}
	cfg.Discord.HTTPOnly = cfg.DiscordGateway != nil && !*cfg.DiscordGateway
	if err := cfg.Validate(); err != nil {
		return Config{}, configError{err}
	}
	return cfg, nil
}

// envPrefix starts the name of every environment variable that sets a key.
const envPrefix = "HELPDESK_"

// notSettings are environment variables with envPrefix that are not
// settings: those of the project's own tests and CI (HELPDESK_TEST_*
// included).
var notSettings = []string{"HELPDESK_CHROMIUM", "HELPDESK_CONSOLE_SCREENSHOT"}

// envName is the environment variable that sets key.
func envName(key string) string {
	return envPrefix + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// checkEnvironment refuses a HELPDESK_ variable of environ ("NAME=value"
// items) that sets no key, such as a misspelt one, which would otherwise
// be ignored without a word.
func checkEnvironment(environ []string, all []setting) error {
	names := make([]string, len(all))
	for i, s := range all {
		names[i] = envName(s.key)
	}
	var unknown []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, envPrefix) || slices.Contains(names, name) ||
			slices.Contains(notSettings, name) || strings.HasPrefix(name, envPrefix+"TEST_") {
			continue
		}
		unknown = append(unknown, name)
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	msg := fmt.Sprintf("%s: the environment sets no such key", unknown[0])
	if near := closest(unknown[0], names, ""); near != "" {
		msg += "; did you mean " + near + "?"
	}
	if len(unknown) > 1 {
		msg += fmt.Sprintf(" (and %d more: %s)", len(unknown)-1, strings.Join(unknown[1:], ", "))
	}
	return errors.New(msg)
}

// listOf reads a list from YAML (a sequence) or the environment and flags
// (one string, items separated by commas or spaces).
func listOf(val any) []string {
	var items []string
	switch v := val.(type) {
	case []any:
		for _, x := range v {
			items = append(items, strings.Fields(strings.ReplaceAll(cast.ToString(x), ",", " "))...)
		}
	case []string:
		for _, x := range v {
			items = append(items, strings.Fields(strings.ReplaceAll(x, ",", " "))...)
		}
	default:
		items = strings.Fields(strings.ReplaceAll(cast.ToString(val), ",", " "))
	}
	return items
}

// oneLine keeps the first line of an error message.
func oneLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
