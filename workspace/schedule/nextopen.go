package schedule

import (
	"fmt"
	"time"
)

// NextOpenText is {{next_open}}: the next opening as a customer reads it, in the brand's
// language (en, sv, cs, es, pt, ru; English otherwise), in the workspace's zone with its
// abbreviation, since the customer may live elsewhere.
func NextOpenText(t time.Time, loc *time.Location, lang string) string {
	t = t.In(loc)
	zone, _ := t.Zone()
	d, m, wd := t.Day(), t.Month()-1, t.Weekday()
	hm := t.Format("15:04")
	switch lang {
	case "sv":
		return fmt.Sprintf("%s %d %s kl. %s (%s)", svDays[wd], d, svMonths[m], hm, zone)
	case "cs":
		return fmt.Sprintf("v %s %d. %s v %d:%02d (%s)", csDays[wd], d, csMonths[m], t.Hour(), t.Minute(), zone)
	case "es":
		return fmt.Sprintf("el %s %d de %s a las %d:%02d (%s)", esDays[wd], d, esMonths[m], t.Hour(), t.Minute(), zone)
	case "pt":
		return fmt.Sprintf("%s, %d de %s, às %dh%02d (%s)", ptDays[wd], d, ptMonths[m], t.Hour(), t.Minute(), zone)
	case "ru":
		return fmt.Sprintf("%s, %d %s, в %d:%02d (%s)", ruDays[wd], d, ruMonths[m], t.Hour(), t.Minute(), zone)
	}
	return fmt.Sprintf("%s %d %s at %s (%s)", wd, d, t.Month(), hm, zone)
}

var (
	svDays   = [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"}
	svMonths = [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}
	// Czech: the weekday after "v" (accusative), the month in the genitive.
	csDays   = [7]string{"neděli", "pondělí", "úterý", "středu", "čtvrtek", "pátek", "sobotu"}
	csMonths = [12]string{"ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"}
	esDays   = [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}
	esMonths = [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}
	ptDays   = [7]string{"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"}
	ptMonths = [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"}
	// Russian: "в" with the weekday (accusative), the month in the genitive.
	ruDays   = [7]string{"в воскресенье", "в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"}
	ruMonths = [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
)
