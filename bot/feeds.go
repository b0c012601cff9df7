package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/feeds"
)

// FeedService is what /feeds, /follow and /unfollow ask of the feed
// crawler; *feeds.Crawler is one.
type FeedService interface {
	// Status lists the followed feeds with their last poll and article counts.
	Status() ([]feeds.Status, error)
	// Follow adds a feed; a *feeds.RefusedError says why it cannot.
	Follow(ctx context.Context, url string) (feeds.Followed, error)
	// Unfollow takes a feed out; a *feeds.RefusedError says why it cannot.
	Unfollow(ctx context.Context, url string) (string, error)
	// FollowedURLs are the feeds /unfollow can take out.
	FollowedURLs() []string
}

// What the feed commands say when they do nothing.
const (
	msgFeedsOff      = "This bot does not follow news feeds (the feed crawler is not set up)."
	msgNoFeeds       = "This bot follows no news feeds yet. Members with Manage Server can add one with /follow."
	msgNeedManageFed = "Following and unfollowing feeds needs the Manage Server permission."
	maxFeedLine      = 400
)

// feedList shows the followed feeds, each with its last poll and how many
// articles it brought.
func (b *Bot) feedList() (*discordgo.InteractionResponseData, error) {
	if b.feeds == nil {
		return ephemeral(msgFeedsOff), nil
	}
	list, err := b.feeds.Status()
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return ephemeral(msgNoFeeds), nil
	}
	now := time.Now()
	embed := &discordgo.MessageEmbed{
		Title:  "Following " + plural(len(list), "news feed"),
		Color:  embedColor,
		Footer: &discordgo.MessageEmbedFooter{Text: "Manage Server: /follow URL, /unfollow URL · times in UTC"},
	}
	room := MaxEmbedDescription - 40
	var lines []string
	for k, s := range list {
		line := Truncate(feedLine(k+1, s, now), maxFeedLine)
		if Runes(line)+1 > room {
			lines = append(lines, fmt.Sprintf("… and %d more", len(list)-k))
			break
		}
		lines = append(lines, line)
		room -= Runes(line) + 1
	}
	embed.Description = Truncate(strings.Join(lines, "\n"), MaxEmbedDescription)
	return &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{embed}, AllowedMentions: noMentions()}, nil
}

// feedLine is one feed in /feeds: its title linked, articles, last poll.
func feedLine(n int, s feeds.Status, now time.Time) string {
	name := Escape(Truncate(s.Title, 100))
	if name == "" {
		name = Escape(Truncate(s.URL, 100))
	}
	if validLink(s.URL) {
		name = mdLink(name, s.URL)
	}
	parts := []string{fmt.Sprintf("**%d.** %s", n, name), plural(s.Articles, "article")}
	switch {
	case s.LastPoll.IsZero():
		parts = append(parts, "not read yet")
	case s.Failures > 0:
		parts = append(parts, fmt.Sprintf("⚠ failing (%d in a row, last %s): %s; next try %s",
			s.Failures, ago(now, s.LastPoll), Escape(Truncate(s.Result, 150)), clock(s.NextTry)))
	default:
		parts = append(parts, fmt.Sprintf("read %s: %s", ago(now, s.LastPoll), Escape(Truncate(s.Result, 120))))
	}
	if s.FromEnv {
		parts = append(parts, "set by the operator")
	}
	return strings.Join(parts, " · ")
}

// plural writes "1 article", "2 articles".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// ago says how long before now t was, briefly.
func ago(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d/time.Minute))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d/time.Hour))
	}
	return t.UTC().Format("2 Jan 15:04")
}

// clock is a time of day in UTC, with the date when it is not today.
func clock(t time.Time) string {
	if t.IsZero() {
		return "soon"
	}
	t = t.UTC()
	if y, m, d := time.Now().UTC().Date(); t.Year() == y && t.Month() == m && t.Day() == d {
		return t.Format("15:04")
	}
	return t.Format("2 Jan 15:04")
}

// follow adds a feed for a member allowed to manage the server.
func (b *Bot) follow(ctx context.Context, i *discordgo.Interaction, url string) (*discordgo.InteractionResponseData, error) {
	if b.feeds == nil {
		return ephemeral(msgFeedsOff), nil
	}
	if !canManage(i) {
		return ephemeral(msgNeedManageFed), nil
	}
	f, err := b.feeds.Follow(ctx, url)
	var refused *feeds.RefusedError
	if errors.As(err, &refused) {
		return ephemeral("Not followed: " + Escape(Truncate(refused.Reason, 1500))), nil
	}
	if err != nil {
		return nil, err
	}
	b.log.Info("feed followed", "interaction", i.ID, "feed", f.URL)
	title := f.Title
	if title == "" {
		title = "the feed"
	}
	return ephemeral(fmt.Sprintf("Now following %s <%s> (%d items in it now). Its new articles are fetched at the next poll; /feeds shows how it went.",
		Escape(Truncate(title, 200)), Truncate(f.URL, 1000), f.Items)), nil
}

// unfollow takes a feed out for a member allowed to manage the server.
func (b *Bot) unfollow(ctx context.Context, i *discordgo.Interaction, url string) (*discordgo.InteractionResponseData, error) {
	if b.feeds == nil {
		return ephemeral(msgFeedsOff), nil
	}
	if !canManage(i) {
		return ephemeral(msgNeedManageFed), nil
	}
	removed, err := b.feeds.Unfollow(ctx, url)
	var refused *feeds.RefusedError
	if errors.As(err, &refused) {
		return ephemeral("Not unfollowed: " + Escape(Truncate(refused.Reason, 1500))), nil
	}
	if err != nil {
		return nil, err
	}
	b.log.Info("feed unfollowed", "interaction", i.ID, "feed", removed)
	return ephemeral(fmt.Sprintf("No longer following <%s>. The articles it brought stay in the corpus.", Truncate(removed, 1000))), nil
}

// feedChoices offers the followed feeds whose URL holds what was typed,
// for /unfollow.
func (b *Bot) feedChoices(typed string) []*discordgo.ApplicationCommandOptionChoice {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if b.feeds == nil {
		return choices
	}
	for _, u := range b.feeds.FollowedURLs() {
		if len(choices) == MaxChoices {
			break
		}
		if typed != "" && !strings.Contains(strings.ToLower(u), typed) {
			continue
		}
		if len(u) > 100 { // a choice's value is at most 100 characters
			continue
		}
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: Truncate(u, MaxChoiceName), Value: u})
	}
	return choices
}
