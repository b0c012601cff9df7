package bot

import (
	"fmt"

	"github.com/bwmarrin/discordgo"

	"github.com/newsbot-dev/newsbot"
)

// announcementMessage is the card posted for newly indexed articles: one
// embed each (title linked to the article, date, source), at most ten to a
// message as Discord allows, with a count of the rest.
func announcementMessage(articles []newsbot.Article) *discordgo.MessageSend {
	send := &discordgo.MessageSend{AllowedMentions: noMentions()}
	shown := articles
	if len(shown) > MaxEmbeds {
		shown = shown[:MaxEmbeds-1]
		send.Content = fmt.Sprintf("%d new articles in the corpus; the first %d:", len(articles), len(shown))
	}
	for _, a := range shown {
		e := &discordgo.MessageEmbed{Title: Truncate(Escape(a.Title), MaxEmbedTitle), Color: embedColor}
		if validLink(a.URL) {
			e.URL = a.URL
		}
		date := "date unknown"
		if !a.Published.IsZero() {
			date = a.Published.Format("2 January 2006")
		}
		footer := "New in the corpus · " + date
		if a.Source != "" {
			footer += " · " + a.Source
		}
		e.Footer = &discordgo.MessageEmbedFooter{Text: Truncate(footer, MaxFooter)}
		send.Embeds = append(send.Embeds, e)
	}
	// Ten embeds of at most 256 + 2,048 runes could pass the 6,000 total:
	// shorten the footers first, then the titles.
	for total(send.Embeds) > MaxEmbedTotal {
		for _, e := range send.Embeds {
			e.Footer.Text = Truncate(e.Footer.Text, Runes(e.Footer.Text)*3/4)
			e.Title = Truncate(e.Title, max(Runes(e.Title)*3/4, 20))
		}
	}
	return send
}

func total(embeds []*discordgo.MessageEmbed) int {
	n := 0
	for _, e := range embeds {
		n += embedSize(e)
	}
	return n
}

func validLink(url string) bool {
	return len(url) < 512 && (len(url) > 8 && (url[:7] == "http://" || url[:8] == "https://"))
}

// Announce posts a card for each article to channelID.
func (g *Gateway) Announce(channelID string, articles []newsbot.Article) error {
	if len(articles) == 0 {
		return nil
	}
	if _, err := g.session.ChannelMessageSendComplex(channelID, announcementMessage(articles)); err != nil {
		return fmt.Errorf("announcing new articles: %s", Redact(err.Error()))
	}
	return nil
}
