META
key;value
description;Municipal PB in Gdańsk (its first 300 ballots only, as Commonweal's tests keep them)
country;Poland
unit;Gdańsk
instance;2020
num_projects;28
num_votes;300
budget;3600000
vote_type;choose-1
rule;greedy
date_begin;09.09.2019
date_end;23.09.2019
min_length;1
max_length;1
edition;7
language;pl
currency;PLN
PROJECTS
project_id;cost;votes;name
1;320300;20;1 WSZYSTKO DLA PROMYKA
18;1000000;40;GDAŃSK - POŁUDNIE: lepszy i szybszy wyjazd z al. Havla – budowa lewoskrętu w kierunku obwodnicy
7;2000000;12;7 Prosta droga do morza - remont al. gen. J.Hallera, ETAP I.
6;2000000;8;6 Sportowe bulwary n/d Opływem Motławy. Etap I.
10;2000000;17;Bezpieczny sport i rekreacja na kółkach. Wspólne miejsce dla rolkarzy, wózkarzy i rowerzystów - Velodrom. Etap I.
9;1100000;13;9 Przyśpieszmy tramwaje w Gdańsku!
23;1550000;12;Wykonanie III etapu (kontynuacja) ścieżki pieszo-rowerowej wzdłuż Potoku Oruńskiego od str. pętli tramwajowej Łostowice -Świętokrzyska (zbiornika retencyjnego „Augustowska”) do Parku Oruńskiego.
27;100000;17;27 Uratujmy Wielką Aleję Lipową!
11;2000000;25;Zagospodarowanie terenów przy zbiornikach retencyjnych w Gdańsku - kontynuacja.
26;346000;15;26 KOT w wielkim mieście!
21;1600000;12;21 AUTOBUS GÓRNEGO TARASU GDAŃSKA - dostosowanie ulic
2;200000;8;2 Na Lechię przez tunel
20;318900;17;"""BEZPIECZNY GDAŃSK"" - Zajęcia edukacyjne z zakresu pierwszej pomocy dla dzieci i młodzieży oraz zabezpieczenie medyczne przestrzeni publicznej podczas wydarzeń wraz z zakupem ambulansu ratunkowego"
17;1000000;10;MIEJSCA POSTOJOWE I POPRAWA CHODNIKÓW PRZY PARKU ORUŃSKIM I ZBIORNIKU STARA ORUNIA
14;1969000;19;14 CHODNIKI GÓRNEGO TARASU - Kokoszki, Matarnia, Osowa
8;1000000;9;8 Wzgórze Pachołek bez barier!
13;176000;5;Dokończenie oświetlenia spacerowej Alei Brzozowej w lesie w Parku Nadmorskim im. Ronalda Reagana ,plus nowe ławki .
5;596000;5;5 Podwórkowe Harcowanie
12;2000000;2;Remont chodnika oraz wymiana nawierzchni ulicy Matuszyńskiego / Kruczkowskiego. Etap. I.
24;200000;5;24 Bezpieczeństwo nad wodą - bezpłatna nauka pływania dla mieszkańców
28;142000;7;28 Program „Sterylizacja i kastracja zwierząt właścicielskich”
15;60000;3;15 Kino letnie nad Stawem Piekarnicza i na Podleśnej Polanie.
22;150000;4;Miejsca do grillowania przy wybranych zbiornikach retencyjnych Gdańska Południe
4;1000000;2;4 Budowa estetycznych ogólnomiejskich słupów ogłoszeniowych.
25;10000;1;⚡ Czyste autobusy i tramwaje - zakup środków czystości dla Gdańskich Autobusów i Tramwajów ⚡
16;10000;4;⚡ Likiwdacja niedziałających przycisków wzbudzających zielone światło dla pieszych i rowerzystów ⚡
3;130000;7;Utworzenie stref dla osób palących w 4 gdańskich parkach miejskich i na terenie ZOO.
19;30000;1;Pasy rowerowe wydzielone w jezdni od ronda ulicy Małomiejskiej z Platynową, wzdłuż ulicy Platynowej do Biedronki przy ulicy Krzemowej
VOTES
voter_id;vote;age;sex;district
1;16;20;M;Piecki-Migowo
2;7;27;M;Osowa
3;13;30;F;Wrzeszcz Dolny
4;5;45;F;Wrzeszcz Górny
5;21;33;F;Kokoszki
6;21;8;M;Kokoszki
7;27;18;M;Zaspa Młyniec
8;21;33;F;Jasień
9;10;64;F;Zaspa Rozstaje
10;28;30;F;Osowa
11;20;20;F;Ujeścisko-Łostowice
12;27;31;F;Wzgórze Mickiewicza
13;17;32;F;Orunia Górna - Gdańsk Południe
14;18;8;M;Ujeścisko-Łostowice
15;18;35;M;Orunia-Św.Wojciech-Lipce
17;1;53;F;Zaspa Rozstaje
18;18;28;F;Nowy Port
19;3;32;M;Aniołki
20;11;36;M;Piecki-Migowo
21;1;39;F;Suchanino
22;17;33;M;Orunia-Św.Wojciech-Lipce
23;9;40;F;Wyspa Sobieszewska
24;18;36;M;Chełm
25;28;42;M;Suchanino
26;26;35;F;Oliwa
27;7;33;M;Piecki-Migowo
28;7;6;M;Piecki-Migowo
29;1;44;F;Oliwa
30;18;45;M;Orunia Górna - Gdańsk Południe
31;7;41;M;Piecki-Migowo
32;14;29;F;Osowa
33;18;36;M;Ujeścisko-Łostowice
34;11;37;M;Piecki-Migowo
35;18;41;M;Jasień
36;10;17;M;Przymorze Wielkie
37;11;29;F;Piecki-Migowo
38;10;43;M;Zaspa Młyniec
39;21;33;M;Jasień
40;18;30;M;Jasień
41;27;35;F;Osowa
42;11;39;F;Jasień
43;27;39;M;Aniołki
44;11;3;M;Jasień
45;18;30;M;Jasień
46;20;26;F;Przymorze Małe
47;18;32;M;Ujeścisko-Łostowice
48;3;33;F;Aniołki
49;23;43;F;Orunia Górna - Gdańsk Południe
50;11;25;F;Jasień
51;27;61;F;Wrzeszcz Górny
52;17;39;M;Orunia-Św.Wojciech-Lipce
53;13;56;F;Zaspa Rozstaje
54;1;25;M;Brzeźno
55;18;36;M;Orunia Górna - Gdańsk Południe
56;1;28;F;Orunia-Św.Wojciech-Lipce
57;18;41;F;Orunia Górna - Gdańsk Południe
58;18;18;M;Chełm
59;24;41;F;Piecki-Migowo
60;8;38;M;Jasień
61;9;29;F;Osowa
62;18;29;M;Żabianka-Wejhera-Jelitkowo-Tysiąclecia
63;11;42;F;Piecki-Migowo
64;5;33;M;Wrzeszcz Dolny
65;11;38;F;Orunia Górna - Gdańsk Południe
66;14;32;M;Kokoszki
67;14;44;F;Osowa
68;9;37;F;Suchanino
69;11;45;M;Jasień
70;11;51;M;Ujeścisko-Łostowice
71;8;43;M;Żabianka-Wejhera-Jelitkowo-Tysiąclecia
72;14;31;F;Kokoszki
74;20;29;F;VII Dwór
75;18;35;M;Orunia Górna - Gdańsk Południe
76;6;27;F;Aniołki
77;14;4;F;Kokoszki
79;3;2;M;Aniołki
80;18;54;M;Chełm
81;10;35;F;Piecki-Migowo
82;6;32;F;Piecki-Migowo
83;28;32;F;Przymorze Wielkie
84;14;1;M;Kokoszki
85;20;34;M;VII Dwór
86;26;37;F;Orunia Górna - Gdańsk Południe
87;3;0;M;Aniołki
88;1;26;F;Żabianka-Wejhera-Jelitkowo-Tysiąclecia
89;6;44;M;Aniołki
90;17;4;F;Orunia Górna - Gdańsk Południe
91;26;43;F;Przymorze Małe
92;10;8;F;Piecki-Migowo
93;24;46;F;VII Dwór
94;17;33;M;Wzgórze Mickiewicza
95;17;1;F;Orunia Górna - Gdańsk Południe
96;6;42;F;Śródmieście
97;20;17;M;Suchanino
98;1;39;F;Piecki-Migowo
99;10;5;M;Piecki-Migowo
100;11;38;F;Przymorze Wielkie
101;2;34;F;Zaspa Młyniec
102;17;40;M;Chełm
103;18;50;F;Osowa
104;28;27;F;Osowa
105;21;34;F;Jasień
106;4;12;M;Śródmieście
107;27;77;M;Wzgórze Mickiewicza
108;10;41;M;Piecki-Migowo
109;1;38;F;Śródmieście
110;8;31;F;Stogi
111;18;35;M;Ujeścisko-Łostowice
112;1;30;M;Piecki-Migowo
113;28;30;F;Śródmieście
114;18;32;F;Chełm
115;9;27;F;Piecki-Migowo
116;18;3;M;Piecki-Migowo
117;27;37;M;Nowy Port
119;21;39;F;Ujeścisko-Łostowice
120;1;48;F;Przymorze Małe
121;14;53;M;Matarnia
122;11;30;M;Jasień
123;7;39;M;Wrzeszcz Dolny
124;5;22;M;Strzyża
125;27;46;F;Przymorze Wielkie
126;7;42;F;Wrzeszcz Dolny
128;14;41;F;Matarnia
129;11;42;M;Kokoszki
130;21;6;F;Ujeścisko-Łostowice
131;2;30;M;Piecki-Migowo
132;3;32;F;Jasień
133;26;33;F;Ujeścisko-Łostowice
134;18;33;F;Piecki-Migowo
135;6;33;M;Nowy Port
136;14;39;M;Matarnia
137;18;38;F;Żabianka-Wejhera-Jelitkowo-Tysiąclecia
138;21;9;M;Ujeścisko-Łostowice
139;14;54;F;Matarnia
140;21;69;F;Ujeścisko-Łostowice
141;5;31;M;Suchanino
142;1;30;M;Piecki-Migowo
143;27;55;F;Żabianka-Wejhera-Jelitkowo-Tysiąclecia
144;27;35;F;Olszynka
145;2;44;F;Nowy Port
146;20;24;F;Wyspa Sobieszewska
147;11;38;F;Ujeścisko-Łostowice
148;1;51;M;Orunia-Św.Wojciech-Lipce
149;21;29;F;Kokoszki
150;11;35;F;Piecki-Migowo
151;27;33;M;Nowy Port
152;26;40;F;Wrzeszcz Dolny
153;8;49;F;Przymorze Wielkie
154;18;27;M;Siedlce
155;20;27;F;Jasień
156;14;33;F;Osowa
157;27;33;M;Wrzeszcz Górny
158;20;30;M;Orunia Górna - Gdańsk Południe
159;11;38;F;Kokoszki
160;26;5;M;Wrzeszcz Dolny
161;27;62;F;Jasień
162;28;66;F;Nowy Port
163;14;28;M;Kokoszki
164;16;34;F;Jasień
165;9;36;F;Piecki-Migowo
166;18;23;F;Chełm
167;20;41;F;Zaspa Młyniec
168;22;31;M;Jasień
169;20;34;M;Zaspa Młyniec
170;8;35;M;Osowa
171;18;44;F;Wzgórze Mickiewicza
172;2;39;M;Piecki-Migowo
173;14;81;F;Matarnia
174;18;48;F;Chełm
175;27;32;M;Śródmieście
176;26;42;F;Zaspa Rozstaje
177;22;28;F;Jasień
178;11;40;F;Kokoszki
179;6;39;F;Chełm
180;5;37;F;Suchanino
181;26;35;F;Wrzeszcz Górny
182;14;30;M;Piecki-Migowo
183;1;26;F;Żabianka-Wejhera-Jelitkowo-Tysiąclecia
184;10;38;M;Wzgórze Mickiewicza
185;10;40;F;Chełm
187;23;43;M;Ujeścisko-Łostowice
189;11;31;M;Kokoszki
190;10;40;M;Wrzeszcz Dolny
191;26;40;M;Wrzeszcz Dolny
192;9;38;F;Zaspa Młyniec
193;1;47;F;Suchanino
194;24;28;F;Wrzeszcz Dolny
195;17;32;M;Śródmieście
196;7;36;F;Brzeźno
197;1;42;F;Przymorze Wielkie
198;18;70;F;Chełm
199;9;5;F;Zaspa Młyniec
200;27;33;F;Młyniska
201;26;69;F;Wrzeszcz Górny
202;7;22;M;Wrzeszcz Dolny
203;12;33;M;Piecki-Migowo
204;9;29;F;Strzyża
205;18;41;F;Ujeścisko-Łostowice
206;20;31;F;Piecki-Migowo
208;18;70;M;Chełm
209;26;38;F;Piecki-Migowo
210;7;61;F;Wrzeszcz Dolny
211;2;39;M;Nowy Port
212;23;38;M;Orunia Górna - Gdańsk Południe
213;18;38;M;Chełm
214;6;38;F;Śródmieście
215;11;35;F;Piecki-Migowo
216;23;43;F;Chełm
217;1;44;F;Wrzeszcz Dolny
218;27;41;F;Piecki-Migowo
219;26;38;M;Wrzeszcz Górny
220;18;34;F;VII Dwór
221;8;38;M;Przymorze Małe
222;7;70;M;Wrzeszcz Dolny
223;9;38;M;Stogi
224;10;39;M;Piecki-Migowo
225;26;42;F;Brzeźno
226;27;41;F;Siedlce
227;20;32;M;Piecki-Migowo
228;2;34;M;Piecki-Migowo
229;18;44;M;Orunia Górna - Gdańsk Południe
230;18;71;F;Oliwa
231;9;52;F;Brzeźno
232;7;20;M;Wrzeszcz Dolny
233;18;13;F;Chełm
234;15;35;M;Siedlce
235;18;36;M;Jasień
236;7;29;F;Wrzeszcz Dolny
237;25;32;F;Kokoszki
238;18;34;F;Orunia Górna - Gdańsk Południe
239;21;25;M;Osowa
240;11;33;M;Piecki-Migowo
241;10;6;M;Piecki-Migowo
242;11;35;F;Jasień
243;8;46;F;Przymorze Małe
244;20;5;F;Piecki-Migowo
245;16;33;F;Przymorze Wielkie
246;10;11;F;Piecki-Migowo
247;15;34;M;Jasień
248;22;45;M;Jasień
249;24;35;F;Piecki-Migowo
250;20;3;F;Piecki-Migowo
251;18;10;F;Chełm
252;10;40;F;Oliwa
253;10;32;F;Przymorze Małe
254;9;49;F;Siedlce
255;19;32;F;Orunia Górna - Gdańsk Południe
256;11;71;F;Żabianka-Wejhera-Jelitkowo-Tysiąclecia
257;23;37;F;Orunia Górna - Gdańsk Południe
258;23;57;F;Ujeścisko-Łostowice
259;10;40;M;Piecki-Migowo
260;23;36;F;Orunia Górna - Gdańsk Południe
261;23;4;M;Orunia Górna - Gdańsk Południe
262;22;30;F;Jasień
263;8;41;M;Kokoszki
264;6;24;M;Siedlce
265;20;35;F;Brzeźno
266;17;34;F;Ujeścisko-Łostowice
267;1;34;F;Oliwa
268;11;38;F;Kokoszki
269;14;44;M;Osowa
270;20;40;F;Oliwa
271;18;53;F;Orunia Górna - Gdańsk Południe
272;16;26;M;Piecki-Migowo
273;14;45;F;Osowa
274;8;31;F;Zaspa Młyniec
275;23;7;F;Orunia Górna - Gdańsk Południe
276;1;37;F;Piecki-Migowo
277;11;28;M;Piecki-Migowo
278;14;22;F;Piecki-Migowo
279;23;40;M;Orunia Górna - Gdańsk Południe
280;13;45;F;Śródmieście
281;23;4;M;Orunia Górna - Gdańsk Południe
282;11;42;M;Ujeścisko-Łostowice
283;14;34;M;Kokoszki
284;4;66;M;Wrzeszcz Dolny
286;1;22;M;Przymorze Wielkie
287;12;32;M;Piecki-Migowo
288;15;40;F;Ujeścisko-Łostowice
289;3;67;F;Przymorze Małe
290;28;35;F;Śródmieście
291;18;11;M;Orunia Górna - Gdańsk Południe
292;24;39;F;Brzeźno
294;13;32;F;Zaspa Rozstaje
295;2;48;M;Chełm
296;10;34;F;Brzeźno
297;26;32;F;Orunia-Św.Wojciech-Lipce
298;14;25;M;Osowa
299;9;45;M;Przymorze Małe
300;9;46;M;Przymorze Wielkie
301;17;41;F;Zaspa Młyniec
302;18;7;M;Orunia Górna - Gdańsk Południe
304;26;10;F;Orunia-Św.Wojciech-Lipce
305;1;28;M;Piecki-Migowo
306;2;42;F;Nowy Port
307;21;30;M;Kokoszki
309;23;37;F;Śródmieście
310;20;37;F;Piecki-Migowo
311;13;44;M;Zaspa Rozstaje
312;3;31;F;Piecki-Migowo
