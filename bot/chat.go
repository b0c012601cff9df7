package bot

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot/followup"
)

// Chat is the terminal stand-in for a Discord channel: it takes the slash
// commands as typed ("/why Why did ...?") and button presses ("/more",
// "/full", "/vote up"), turns them into the interactions Discord would
// send, and returns what the bot would post.
type Chat struct {
	bot  *Bot
	next int
	last *discordgo.Message // the last answer, whose buttons can be pressed
	// conv is the thread of the last answer: a plain line continues it.
	conv *followup.Conversation
	// resolved is what the last line was understood as, when it was a
	// follow-up.
	resolved *followup.Resolution
	// ManageServer grants the terminal user the Manage Server permission
	// (for /reindex); true by default in the chat command.
	ManageServer bool
}

// NewChat returns a chat with b.
func NewChat(b *Bot) *Chat { return &Chat{bot: b, ManageServer: true} }

// ChatHelp lists what the chat understands.
const ChatHelp = `Commands, as in Discord:
  /ask QUESTION      /why QUESTION      /when QUESTION
  /timeline [TOPIC] [from:DATE] [to:DATE]
  /sources           /source TITLE      /reindex
  /feeds             /follow URL        /unfollow URL
Buttons under the last answer:
  /more   /full   /vote up   /vote down
A line without a slash right after an answer is a follow-up in that answer's thread
("why did they do that?", "when was that?", "what happened next?"); a slash command
starts a new thread. Before any answer a plain line is asked with /ask.
/help shows this; /quit or Ctrl-D ends.`

// Do runs one line and returns the bot's response; nil for an empty line.
func (c *Chat) Do(ctx context.Context, line string) (*discordgo.InteractionResponse, error) {
	line = strings.TrimSpace(line)
	c.resolved = nil
	if line == "" {
		return nil, nil
	}
	if !strings.HasPrefix(line, "/") {
		if c.conv != nil {
			return c.followUp(ctx, line), nil
		}
		line = "/ask " + line
	}
	name, rest, _ := strings.Cut(line[1:], " ")
	rest = strings.TrimSpace(rest)
	c.next++
	id := strconv.Itoa(c.next)
	var i *discordgo.Interaction
	startsThread := false
	switch strings.ToLower(name) {
	case "ask", "why", "when":
		i = c.command(id, strings.ToLower(name), map[string]string{"question": rest})
		startsThread = true
	case "timeline":
		opts := map[string]string{}
		var topic []string
		for _, w := range strings.Fields(rest) {
			if v, ok := strings.CutPrefix(w, "from:"); ok {
				opts["from"] = v
			} else if v, ok := strings.CutPrefix(w, "to:"); ok {
				opts["to"] = v
			} else {
				topic = append(topic, w)
			}
		}
		if len(topic) > 0 {
			opts["topic"] = strings.Join(topic, " ")
		}
		i = c.command(id, "timeline", opts)
		c.conv = nil
	case "follow", "unfollow":
		i = c.command(id, strings.ToLower(name), map[string]string{"url": rest})
		c.conv = nil
	case "sources", "reindex", "feeds":
		i = c.command(id, strings.ToLower(name), nil)
		c.conv = nil
	case "source":
		i = c.command(id, "source", map[string]string{"article": c.pickArticle(ctx, rest)})
		c.conv = nil
	case "more", "full", "vote":
		customID, ok := c.button(strings.ToLower(name), rest)
		if !ok {
			return nil, fmt.Errorf("no %q button under the last answer", strings.TrimSpace(name+" "+rest))
		}
		i = &discordgo.Interaction{ID: id, Type: discordgo.InteractionMessageComponent, Token: "chat-" + id,
			Data:    discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
			Message: c.last, User: &discordgo.User{ID: "terminal"}}
	default:
		return nil, fmt.Errorf("unknown command /%s (try /help)", name)
	}
	resp := c.bot.Handle(ctx, i)
	if resp.Data != nil && len(resp.Data.Components) > 0 {
		c.last = &discordgo.Message{ID: "chat-" + id, Embeds: resp.Data.Embeds, Components: resp.Data.Components}
	}
	if startsThread {
		// A new thread, read from the answer as a restarted bot reads a
		// Discord thread; none when nothing answered.
		c.conv = nil
		if resp.Data != nil && isAnswer(&discordgo.Message{Embeds: resp.Data.Embeds}) {
			c.conv = c.bot.Conversation(ctx, chatBotID, []*discordgo.Message{{Author: &discordgo.User{ID: chatBotID}, Embeds: resp.Data.Embeds, Components: resp.Data.Components}})
		}
	}
	return resp, nil
}

// chatBotID stands for the bot's user in the terminal.
const chatBotID = "newsbot"

// followUp answers a plain line in the current thread.
func (c *Chat) followUp(ctx context.Context, line string) *discordgo.InteractionResponse {
	c.next++
	data, r := c.bot.FollowUp(ctx, c.conv, line, "terminal", "chat-"+strconv.Itoa(c.next))
	c.resolved = &r
	if len(data.Components) > 0 {
		c.last = &discordgo.Message{ID: "chat-" + strconv.Itoa(c.next), Embeds: data.Embeds, Components: data.Components}
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
}

// Resolved is what the last line was understood as, when it was a
// follow-up; nil otherwise.
func (c *Chat) Resolved() *followup.Resolution { return c.resolved }

func (c *Chat) command(id, name string, opts map[string]string) *discordgo.Interaction {
	data := discordgo.ApplicationCommandInteractionData{Name: name, CommandType: discordgo.ChatApplicationCommand}
	for _, k := range []string{"question", "topic", "from", "to", "article", "url"} {
		if v, ok := opts[k]; ok {
			data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{Name: k, Type: discordgo.ApplicationCommandOptionString, Value: v})
		}
	}
	var perms int64
	if c.ManageServer {
		perms = discordgo.PermissionManageGuild
	}
	return &discordgo.Interaction{ID: id, Type: discordgo.InteractionApplicationCommand, Data: data, Token: "chat-" + id,
		GuildID: "terminal", Member: &discordgo.Member{User: &discordgo.User{ID: "terminal"}, Permissions: perms}}
}

// pickArticle does what autocomplete does in Discord: the first article
// whose title holds what was typed.
func (c *Chat) pickArticle(ctx context.Context, typed string) string {
	resp := c.bot.Handle(ctx, &discordgo.Interaction{Type: discordgo.InteractionApplicationCommandAutocomplete,
		Data: discordgo.ApplicationCommandInteractionData{Name: "source", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "article", Type: discordgo.ApplicationCommandOptionString, Value: typed, Focused: true}}}})
	if resp.Data != nil && len(resp.Data.Choices) > 0 {
		if v, ok := resp.Data.Choices[0].Value.(string); ok {
			return v
		}
	}
	return typed
}

// button finds the custom ID of a button under the last answer.
func (c *Chat) button(name, arg string) (string, bool) {
	if c.last == nil {
		return "", false
	}
	prefix := name + ":"
	if name == "vote" {
		prefix = "vote:" + strings.ToLower(strings.TrimSpace(arg)) + ":"
	}
	for _, row := range c.last.Components {
		r, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, comp := range r.Components {
			if b, ok := comp.(discordgo.Button); ok && strings.HasPrefix(b.CustomID, prefix) {
				return b.CustomID, true
			}
		}
	}
	return "", false
}

var (
	boldMarks   = regexp.MustCompile(`\*\*(.+?)\*\*`)
	italicMarks = regexp.MustCompile(`(^|\n)\*([^*\n]+)\*`)
	maskedLink  = regexp.MustCompile(`\[([^\]]*)\]\((https?://[^)\s]+)\)`)
	escapes     = regexp.MustCompile(`\\(.)`)
	// subtext is Discord's small print, a line opening with "-# ".
	subtext = regexp.MustCompile(`(?m)^(\s*)-# (.*)$`)
)

// RenderText shows a response as a terminal would: Markdown bold in ANSI
// bold when bold is true (else plain), masked links as "title <url>",
// escapes removed, and the buttons listed with how to press them.
func RenderText(resp *discordgo.InteractionResponse, bold bool) string {
	var b strings.Builder
	d := resp.Data
	switch resp.Type {
	case discordgo.InteractionResponsePong:
		return "PONG\n"
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		b.WriteString("(newsbot is thinking…)\n")
	}
	if d == nil {
		return b.String()
	}
	md := func(s string) string {
		s = maskedLink.ReplaceAllString(s, "$1 <$2>")
		if bold {
			s = boldMarks.ReplaceAllString(s, "\x1b[1m$1\x1b[0m")
		} else {
			s = boldMarks.ReplaceAllString(s, "$1")
		}
		s = italicMarks.ReplaceAllString(s, "$1$2")
		return escapes.ReplaceAllString(s, "$1")
	}
	if d.Flags&discordgo.MessageFlagsEphemeral != 0 {
		b.WriteString("(only you can see this)\n")
	}
	if d.Content != "" {
		b.WriteString(md(subtext.ReplaceAllString(d.Content, "$1($2)")) + "\n")
	}
	for _, e := range d.Embeds {
		if e.Title != "" {
			fmt.Fprintf(&b, "━━ %s ━━\n", md(e.Title))
		}
		if e.URL != "" {
			fmt.Fprintf(&b, "<%s>\n", e.URL)
		}
		if e.Description != "" {
			b.WriteString(md(e.Description) + "\n")
		}
		for _, f := range e.Fields {
			fmt.Fprintf(&b, "\n%s\n%s\n", md(f.Name), md(f.Value))
		}
		if e.Footer != nil && e.Footer.Text != "" {
			fmt.Fprintf(&b, "\n— %s\n", e.Footer.Text)
		}
	}
	var buttons []string
	for _, row := range d.Components {
		r, ok := row.(discordgo.ActionsRow)
		if !ok {
			continue
		}
		for _, comp := range r.Components {
			btn, ok := comp.(discordgo.Button)
			if !ok {
				continue
			}
			switch {
			case strings.HasPrefix(btn.CustomID, "more:"):
				buttons = append(buttons, "[More passages: /more]")
			case strings.HasPrefix(btn.CustomID, "full:"):
				buttons = append(buttons, "[Full paragraph: /full]")
			case strings.HasPrefix(btn.CustomID, "vote:up:"):
				buttons = append(buttons, "[👍 /vote up]")
			case strings.HasPrefix(btn.CustomID, "vote:down:"):
				buttons = append(buttons, "[👎 /vote down]")
			}
		}
	}
	if len(buttons) > 0 {
		b.WriteString("\n" + strings.Join(buttons, " ") + "\n")
	}
	return b.String()
}
