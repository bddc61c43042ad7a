"""Well-known places: countries, territories, US states and major cities, as news spells them.

Data for `briefing.actors` (is_place): a name found here names somewhere, not someone. The list
is deliberately limited to places a reader recognises at once; a city that is also a common
personal name or surname when written alone (Austin, Lincoln, Jackson, Victoria, Florence,
Charlotte, Hamilton, Wellington) is left out, since "Austin met Milley" names a person. A
person written with a place word as given name ("Paris Hilton", "Georgia Meloni") is a run of
several words and never matches one of these entries. Entries are separated by ";" so that
names of several words ("New York", "West Bank") fit on one line.
"""

from __future__ import annotations

_DATA = """
Afghanistan; Albania; Algeria; Andorra; Angola; Antigua and Barbuda; Argentina; Armenia;
Australia; Austria; Azerbaijan; Bahamas; Bahrain; Bangladesh; Barbados; Belarus; Belgium; Belize;
Benin; Bhutan; Bolivia; Bosnia; Bosnia and Herzegovina; Botswana; Brazil; Brunei; Bulgaria;
Burkina Faso; Burundi; Cambodia; Cameroon; Canada; Cape Verde; Central African Republic; Chad;
Chile; China; Colombia; Comoros; Congo; Costa Rica; Croatia; Cuba; Cyprus; Czech Republic;
Czechia; Denmark; Djibouti; Dominica; Dominican Republic; East Timor; Timor-Leste; Ecuador;
Egypt; El Salvador; Equatorial Guinea; Eritrea; Estonia; Eswatini; Ethiopia; Fiji; Finland;
France; Gabon; Gambia; Georgia; Germany; Ghana; Greece; Grenada; Guatemala; Guinea;
Guinea-Bissau; Guyana; Haiti; Honduras; Hungary; Iceland; India; Indonesia; Iran; Iraq; Ireland;
Israel; Italy; Ivory Coast; Côte d'Ivoire; Côte d’Ivoire; Jamaica; Japan; Jordan; Kazakhstan;
Kenya; Kiribati; Kosovo; Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia; Libya;
Liechtenstein; Lithuania; Luxembourg; Madagascar; Malawi; Malaysia; Maldives; Mali; Malta;
Marshall Islands; Mauritania; Mauritius; Mexico; Micronesia; Moldova; Monaco; Mongolia;
Montenegro; Morocco; Mozambique; Myanmar; Burma; Namibia; Nauru; Nepal; Netherlands;
New Zealand; Nicaragua; Niger; Nigeria; North Korea; North Macedonia; Macedonia; Norway; Oman;
Pakistan; Palau; Palestine; Panama; Papua New Guinea; Paraguay; Peru; Philippines; Poland;
Portugal; Qatar; Romania; Russia; Russian Federation; Rwanda; Saint Lucia; Samoa; San Marino;
Saudi Arabia; Senegal; Serbia; Seychelles; Sierra Leone; Singapore; Slovakia; Slovenia;
Solomon Islands; Somalia; South Africa; South Korea; South Sudan; Spain; Sri Lanka; Sudan;
Suriname; Sweden; Switzerland; Syria; Taiwan; Tajikistan; Tanzania; Thailand; Togo; Tonga;
Trinidad and Tobago; Tunisia; Turkey; Türkiye; Turkmenistan; Tuvalu; Uganda; Ukraine;
United Arab Emirates; UAE; United Kingdom; UK; Great Britain; Britain; England; Scotland; Wales;
Northern Ireland; United States; United States of America; US; USA; America; Uruguay;
Uzbekistan; Vanuatu; Vatican; Vatican City; Holy See; Venezuela; Vietnam; Yemen; Zambia;
Zimbabwe; Democratic Republic of Congo; Democratic Republic of the Congo; DRC;
Republic of Congo; Greenland; Puerto Rico; Hong Kong; Macau; Macao; Tibet; Xinjiang;
Gaza; Gaza Strip; West Bank; East Jerusalem; Golan Heights; Crimea; Donbas; Donbass; Donetsk;
Luhansk; Kherson; Zaporizhzhia; Kharkiv; Bakhmut; Mariupol; Abkhazia; South Ossetia;
Transnistria; Nagorno-Karabakh; Kashmir; Darfur; Kurdistan; Sahel; Balkans; Caucasus;
Middle East; Europe; Asia; Africa; Latin America; South America; North America; Arctic;
Antarctica; Scandinavia; Siberia; Sinai; Western Sahara; Red Sea; Black Sea; Baltic Sea;
South China Sea; Mediterranean; Persian Gulf; Gulf of Aden; Strait of Hormuz; Taiwan Strait;
Alabama; Alaska; Arizona; Arkansas; California; Colorado; Connecticut; Delaware; Florida;
Hawaii; Idaho; Illinois; Indiana; Iowa; Kansas; Kentucky; Louisiana; Maine; Maryland;
Massachusetts; Michigan; Minnesota; Mississippi; Missouri; Montana; Nebraska; Nevada;
New Hampshire; New Jersey; New Mexico; New York; New York City; North Carolina; North Dakota;
Ohio; Oklahoma; Oregon; Pennsylvania; Rhode Island; South Carolina; South Dakota; Tennessee;
Texas; Utah; Vermont; Virginia; West Virginia; Wisconsin; Wyoming; Washington; Washington D.C.;
Abu Dhabi; Abuja; Accra; Addis Ababa; Algiers; Amman; Amsterdam; Ankara; Antwerp; Astana;
Asunción; Athens; Auckland; Baghdad; Baku; Bamako; Bangkok; Barcelona; Basra; Beijing; Beirut;
Belgrade; Benghazi; Berlin; Bern; Birmingham; Bogotá; Bogota; Bonn; Bratislava; Brasília;
Brasilia; Brisbane; Brussels; Bucharest; Budapest; Buenos Aires; Cairo; Calcutta; Kolkata;
Canberra; Cape Town; Caracas; Casablanca; Chennai; Chicago; Chisinau; Copenhagen; Dakar;
Damascus; Dar es Salaam; Davos; Delhi; New Delhi; Dhaka; Doha; Dubai; Dublin; Durban;
Dushanbe; Edinburgh; Frankfurt; Geneva; Glasgow; Gothenburg; Guangzhou; Hamburg; Hanoi;
Harare; Havana; Helsinki; Hiroshima; Ho Chi Minh City; Islamabad; Istanbul; İstanbul; Jakarta;
Jeddah; Jerusalem; Johannesburg; Kabul; Kampala; Kandahar; Karachi; Kathmandu; Khartoum;
Kiev; Kigali; Kinshasa; Kyiv; Kuala Lumpur; Lagos; Lahore; La Paz; Lima; Lisbon; Ljubljana;
London; Los Angeles; Luanda; Lusaka; Luxembourg City; Lviv; Lyon; Madrid; Managua; Manama;
Manchester; Manila; Maputo; Marseille; Mecca; Melbourne; Mexico City; Miami; Milan; Minsk;
Mogadishu; Monrovia; Montevideo; Montreal; Moscow; Mosul; Mumbai; Bombay; Munich; Muscat;
Nairobi; Naples; Nagasaki; Nanjing; Naypyidaw; N'Djamena; Niamey; Nicosia; Odesa; Odessa;
Osaka; Oslo; Ottawa; Ouagadougou; Panama City; Paris; Phnom Penh; Podgorica; Port-au-Prince;
Prague; Pretoria; Pristina; Pyongyang; Quito; Rabat; Ramallah; Rangoon; Yangon; Reykjavik;
Riga; Rio de Janeiro; Riyadh; Rome; Rotterdam; Saint Petersburg; St. Petersburg; San Francisco;
San José; San Salvador; Sanaa; Sana'a; Santiago; Santo Domingo; São Paulo; Sao Paulo; Sarajevo;
Seoul; Shanghai; Shenzhen; Skopje; Sofia; Stockholm; Strasbourg; Sydney; Taipei; Tallinn;
Tashkent; Tbilisi; Tegucigalpa; Tehran; Tel Aviv; The Hague; Hague; Tirana; Tokyo; Toronto;
Tripoli; Tunis; Turin; Ulaanbaatar; Vancouver; Valletta; Venice; Vienna; Vilnius; Warsaw;
Wellington City; Windhoek; Wuhan; Yaoundé; Yerevan; Zagreb; Zurich; Zürich; Kyoto; Kobe;
Aleppo; Homs; Idlib; Raqqa; Fallujah; Rafah; Khan Younis; Gaza City; Jenin; Nablus; Hebron;
Bethlehem; Haifa; Sderot; Marrakesh; Marrakech; Tangier; Alexandria; Giza; Mombasa; Kisumu;
Goma; Juba; Benin City; Kano; Ibadan; Port Harcourt; Abidjan; Conakry; Freetown; Lomé; Cotonou;
Bangui; Libreville; Brazzaville; Kharkov; Dnipro; Sumy; Chernihiv; Avdiivka; Sevastopol;
Belgorod; Kursk; Novosibirsk; Vladivostok; Kaliningrad; Gdansk; Krakow; Kraków; Wroclaw;
Porto; Seville; Valencia; Bilbao; Bordeaux; Toulouse; Nice; Lille; Cologne; Stuttgart;
Düsseldorf; Dresden; Leipzig; Salzburg; Innsbruck; Lausanne; Basel;
Bologna; Genoa; Palermo; Thessaloniki; Izmir; Antalya; Tabriz; Isfahan; Mashhad; Shiraz;
Erbil; Kirkuk; Najaf; Karbala; Aden; Hodeidah; Taiz; Marib; Mukalla; Misrata;
Herat; Mazar-i-Sharif; Peshawar; Quetta; Rawalpindi; Bangalore; Bengaluru;
Hyderabad; Ahmedabad; Pune; Colombo; Chittagong; Yokohama; Busan; Incheon; Pyeongchang;
Chengdu; Chongqing; Tianjin; Xi'an; Harbin; Lhasa; Urumqi; Kowloon; Cebu; Davao; Surabaya;
Bali; Medan; Perth; Adelaide; Honolulu; Anchorage; Seattle; Portland; Denver; Dallas; Atlanta;
Boston; Philadelphia; Baltimore; Detroit; Cleveland; Pittsburgh; Minneapolis; Milwaukee;
Nashville; Memphis; Tampa; New Orleans; San Diego; San Antonio; Las Vegas; Sacramento;
Silicon Valley; Quebec; Calgary; Edmonton; Winnipeg; Halifax; Guadalajara; Monterrey; Tijuana;
Medellín; Cali; Cartagena; Guayaquil; Cusco; Valparaíso; Córdoba; Rosario; Recife;
Belo Horizonte; Porto Alegre; Manaus; Fortaleza; Kingston; Port of Spain;
Nassau; Bridgetown; Belfast; Cardiff; Liverpool; Leeds; Bristol; Oxford; Cambridge; Sheffield;
Newcastle; Aberdeen; Dover; Calais; Gibraltar; Cannes; Versailles; Bruges; Ghent;
Utrecht; Eindhoven; Aarhus; Bergen; Tromsø; Tampere; Turku; Tartu; Kaunas; Daugavpils;
Chișinău; Iași; Cluj; Varna; Plovdiv; Split; Dubrovnik; Mostar; Banja Luka; Novi Sad; Niš;
"""

PLACES: frozenset[str] = frozenset(
    entry.strip() for entry in _DATA.replace("\n", " ").split(";") if entry.strip()
)
"""Every entry of the list above, as written (case matters: "Nice" the city, "nice" the word)."""
