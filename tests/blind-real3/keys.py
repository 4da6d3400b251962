"""Answer keys of blind-real3, by hand: every stated figure (measure, value, unit, year, kind, snippet, display),
the practices the text evidences (id -> a snippet stating it) and the levels worked out by spec/levels.md.

build.py locates each snippet in the PDF text (its page), checks the hand levels against the policy
(tests/support/blindkit.levels_for) and writes <name>.key.json.
"""

# fmt: off
F, S, OUT, E = "foreign_students", "other", "outbound_students", "enrolled_students"


def row(label, snippet, values, years, measure, unit, kind="actual"):
    """One table row: a figure per non-empty cell (None = a dash, not a figure)."""
    return [(measure, v, unit, y, kind, snippet, f"{v:,}" if isinstance(v, int) else str(v))
            for v, y in zip(values, years) if v is not None]


REPORTS = []

# 1 ---------------------------------------------------------------------------------------------------------
REPORTS.append({
    "name": "asahigaoka-u-kokusai-bunka",
    "producer": "chromium (faculty web page printed to PDF: site header, breadcrumb, boxed paragraph)",
    "source": "invented: 旭丘大学 国際文化学部「国際交流」 (faculty page, written after faculty pages of corpus/real)",
    "genre": "faculty web page",
    "figs": [
        (S, 600, "名", None, "actual", "延べ600名を超える学生", "600名"),
        (E, 1236, "名", 2023, "actual", "学部の学生数は1,236名", "1,236名"),
        ("partner_universities", 14, "大学", None, "actual", "14大学と学部間交流協定", "14大学"),
        (S, 9, "大学", None, "actual", "そのうち9大学", "9大学"),
        (S, 21, "名", 2023, "actual", "それぞれ21名", "21名"),
        (S, 9, "名", 2023, "actual", "21名、9名、6名、4名", "9名"),
        (S, 6, "名", 2023, "actual", "21名、9名、6名、4名", "6名"),
        (S, 4, "名", 2023, "actual", "21名、9名、6名、4名", "4名"),
        (F, 40, "名", 2023, "actual", "計40名", "40名"),
        (S, 12, "名", 2022, "actual", "協定留学12名", "12名"),
        (S, 3, "名", 2022, "actual", "認定留学3名", "3名"),
        (S, 27, "名", 2022, "actual", "語学研修27名", "27名"),
        (OUT, 42, "名", 2022, "actual", "あわせて42名", "42名"),
        (S, 8, "万円", None, "actual", "月額最大8万円", "8万円"),
        (S, 2, "回", None, "actual", "週2回", "2回"),
    ],
    "prac": {
        "env.org_unit": "学部国際交流室",
        "env.foreign_language_classes": "専門科目の一部は英語で開講",
        "env.exchange_events": "ランチ交流会",
        "env.partner_agreements": "学部間交流協定を結んでおり",
        "in.foreign_language_classes": "専門科目の一部は英語で開講",
        "in.study_support": "チューターとしてつき",
        "out.short_programs": "夏期・春期の語学研修27名",
        "out.study_abroad_info": "留学説明会を開いています",
        "out.pre_departure_counseling": "出発が決まった学生には、指導教員と国際交流室のスタッフが個別に面談",
        "out.financial_support": "海外留学奨学金",
    },
    "levels": {"inbound": "below", "outbound": "above", "environment": "below"},
    "notes": [
        "A faculty's own page: its figures are the faculty's (check-output.md), so 学部の学生数 1,236 is enrolled_students "
        "(FY2023 from 令和5年5月1日現在), the faculty's 40 留学生 foreign_students and 42 outbound_students.",
        "Inbound: それぞれ 21/9/6/4 are parts (other), 計40名 the total (FY2023). A = 40 (below), R = 40/1236 = 3.24 % "
        "(standard) -> standard; coverage 2/11 (English-taught courses, tutors) -> below.",
        "Outbound: 協定留学12・認定留学3・語学研修27 are parts; あわせて42名 (2022年度) the total. A = 42 (standard), "
        "R = 42/1236 = 3.40 % >= 3.0 % (2 x 1.5) -> outstanding; coverage 4/6 (short programmes, 説明会, individual "
        "interviews of students who are going, scholarship) < 0.75 -> above. One year only: 過去3年間 is missing.",
        "History: 1995年度 is a year; 延べ600名 a cumulative count (other, no year). 14大学 (partner_universities, no year "
        "of its own and the page has no date) and 9大学 (a subset, other).",
        "Not evidence: 「単位の扱いについて相談」 is advice, not a credit-transfer standard; no inbound short programme "
        "is described (an agreement that includes student exchange is not a programme received).",
    ],
})

# 2 ---------------------------------------------------------------------------------------------------------
Y5 = [2018, 2019, 2020, 2021, 2022]
REPORTS.append({
    "name": "hibarigaoka-tech-gaiyo-2023",
    "producer": "reportlab-cid (HeiseiMin/HeiseiKakuGo, ruled tables with unit lines, running header and footer)",
    "source": "invented: 雲雀ヶ丘工業大学 大学概要2023「8 国際交流 データ編」 (statistics tables, years across the top)",
    "genre": "statistics table page",
    "figs": (
        row("学部", "学部3841302735", [38, 41, 30, 27, 35], Y5, S, "人")
        + row("大学院", "大学院5260495166", [52, 60, 49, 51, 66], Y5, S, "人")
        + row("研究生等", "研究生等79238", [7, 9, 2, 3, 8], Y5, S, "人")
        + row("計", "計971108181109", [97, 110, 81, 81, 109], Y5, F, "人")
        + row("協定校派遣", "協定校派遣1412", [14, 12, None, 3, 9], Y5, S, "人")
        + row("短期研修", "短期研修4855", [48, 55, None, 0, 31], Y5, S, "人")
        + row("合計", "合計62670340", [62, 67, 0, 3, 40], Y5, OUT, "人")
        + row("学生数", "学生数3,8129054,717", [3812, 905], [2022, 2022], S, "人")
        + row("学生数", "学生数3,8129054,717", [4717], [2022], E, "人")
        + row("うち外国人留学生", "うち外国人留学生3574109", [35, 74], [2022, 2022], S, "人")
        + row("うち外国人留学生", "うち外国人留学生3574109", [109], [2022], F, "人")
        + row("常勤教員数", "常勤教員数241", [241, 241], [2022, 2022], S, "人")
        + row("うち外国人教員", "うち外国人教員12", [12], [2022], S, "人")
        + row("うち外国人教員", "うち外国人教員12", [12], [2022], "foreign_faculty", "人")
        + row("アジア", "アジア15722", [15, 7, 22], [2023] * 3, S, "校")
        + row("ヨーロッパ", "ヨーロッパ538", [5, 3, 8], [2023] * 3, S, "校")
        + row("北米・オセアニア", "北米・オセアニア314", [3, 1, 4], [2023] * 3, S, "校")
        + row("合計", "合計231134", [23, 11], [2023, 2023], S, "校")
        + row("合計", "合計231134", [34], [2023], "partner_universities", "校")
    ),
    "prac": {
        "env.org_unit": "国際交流センターの集計",
        "env.foreign_faculty": "うち外国人教員",
        "env.partner_agreements": "交流協定校数",
        "out.short_programs": "短期研修4855",
    },
    "levels": {"inbound": "below", "outbound": "below", "environment": "below"},
    "notes": [
        "Years across the top: H30, R1..R4 (表8-1) and 2018年度..2022年度 (表8-2); the unit is on the unit line （単位：人）.",
        "Inbound: 計 is foreign_students; the 学部/大学院/研究生等 rows are parts (other). Latest three years 2020-2022: "
        "81, 81, 109 -> A = 90.3 (standard); E = 4,717 (表8-3 合計, R4.5.1現在 -> FY2022) -> R = 1.92 % (below) -> "
        "standard; coverage 0/11 -> below. 表8-3's うち外国人留学生 109 is the same FY2022 figure again.",
        "Outbound: 合計 is outbound_students; 2020年度 合計 is an actual 0 (all sending stopped, per the note); the "
        "dashes in the part rows are not figures, the 短期研修 0 of 2021 is. 2020-2022: 0, 3, 40 -> A = 14.3, "
        "R = 0.30 % -> below; coverage 1/6 (short programmes run, per the 短期研修 row) -> below.",
        "表8-3: 常勤教員数 うち外国人教員 12 (合計 column) is foreign_faculty FY2022; the 学部 column's 12 is a part. "
        "表8-4 (R5.4.1現在 -> FY2023): 合計 34 is partner_universities; the rest are parts.",
        "Environment: the note 「国際交流センターの集計による」 names the centre (env.org_unit), the tables show "
        "full-time foreign faculty and partner agreements: 3/10 -> below.",
    ],
})

# 3 ---------------------------------------------------------------------------------------------------------
REPORTS.append({
    "name": "shinonome-gakuin-u-jikohyoka-c-2022",
    "producer": "chromium (自己評価書 with 基準/観点 headings, boxed 基準 titles, 資料 references, two pages)",
    "source": "invented: 東雲学院大学 選択評価事項C 自己評価書（令和4年6月）",
    "genre": "self-evaluation report (基準・観点)",
    "figs": [
        ("foreign_faculty", 31, "人", 2022, "actual", "常勤の外国人教員は31人", "31人"),
        (S, 3, "年", None, "actual", "海外の大学で3年以上教育研究", "3年以上"),
        (S, 58, "人", 2022, "actual", "常勤の日本人教員が58人", "58人"),
        (S, 14, "人", 2022, "actual", "常勤事務職員14人", "14人"),
        (S, 9, "人", 2022, "actual", "14人のうち9人", "9人"),
        (S, 800, "点", None, "actual", "TOEIC800点以上", "800点以上"),
        ("foreign_language_courses", 142, "科目", 2021, "actual", "全学で142科目", "142科目"),
        (S, 1, "回", None, "actual", "月1回の多文化カフェ", "1回"),
        (S, 28, "か国・地域", None, "actual", "28か国・地域", "28か国・地域"),
        ("partner_universities", 74, "大学・機関", 2022, "actual", "74大学・機関に及ぶ", "74大学・機関"),
        (F, 209, "人", 2019, "actual", "令和元年度209人", "209人"),
        (F, 198, "人", 2020, "actual", "令和2年度198人", "198人"),
        (F, 176, "人", 2021, "actual", "令和3年度176人", "176人"),
        (F, 231, "人", 2022, "actual", "231人まで回復", "231人"),
        (E, 6120, "人", 2022, "actual", "学生数は6,120人", "6,120人"),
        (S, 5402, "人", 2022, "actual", "学部5,402人", "5,402人"),
        (S, 718, "人", 2022, "actual", "大学院718人", "718人"),
        (S, 6, "段階", None, "actual", "6段階の日本語科目", "6段階"),
        (S, 4, "週間", None, "actual", "4週間のサマープログラム", "4週間"),
        (S, 72, "室", None, "actual", "72室", "72室"),
        (S, 30, "%", None, "ratio", "授業料の30%又は50%", "30%"),
        (S, 50, "%", None, "ratio", "授業料の30%又は50%", "50%"),
        (S, 3, "万円", None, "actual", "月額3万円", "3万円"),
        (S, 4, "回", None, "actual", "年4回", "4回"),
        (OUT, 129, "人", 2019, "actual", "令和元年度の129人", "129人"),
        (OUT, 2, "人", 2020, "actual", "わずか2人", "2人"),
        (OUT, 18, "人", 2021, "actual", "令和3年度18人", "18人"),
        (OUT, 37, "人", 2022, "actual", "既に37人", "37人"),
        (OUT, 150, "人", 2027, "target", "年間派遣数を150人", "150人"),
        (S, 30, "万円", None, "actual", "最大30万円", "30万円"),
    ],
    "prac": {
        "env.org_unit": "グローバル教育推進機構を設置",
        "env.foreign_faculty": "常勤の外国人教員は31人",
        "env.overseas_experienced_faculty": "教育研究に従事した経験をもつ常勤の日本人教員",
        "env.multilingual_staff": "窓口での対応を外国語で行っている",
        "env.foreign_language_classes": "英語で行う授業科目は",
        "env.intl_curriculum": "全学部でセメスター制を採り",
        "env.exchange_events": "国際交流フェスタ",
        "env.partner_agreements": "協定校は、28か国・地域",
        "env.info_in_foreign_language": "英語版ウェブサイトでは、学部・研究科の教育課程",
        "env.self_review": "国際化指標",
        "env.strategy_hq": "学長を本部長とする国際戦略本部を置き、国際化の基本方針と年度計画を策定",
        "env.course_numbering": "コース・ナンバリング",
        "env.intl_networks": "UMAP",
        "in.foreign_language_classes": "英語で行う授業科目は",
        "in.japanese_education": "日本語教育部門",
        "in.short_programs": "サマープログラムを実施",
        "in.multilingual_website": "ウェブサイトの英語版と中国語版",
        "in.study_support": "チューターを配置",
        "in.housing": "留学生宿舎",
        "in.financial_support": "減免する制度",
        "in.career_support": "就職ガイダンス",
        "in.admission_exam": "私費外国人留学生入試",
        "in.admission_info_web": "入学案内と留学生支援のページ",
        "in.self_review": "受入部会",
        "out.pre_departure_education": "異文化理解入門",
        "out.short_programs": "海外語学研修",
        "out.study_abroad_info": "留学フェア",
        "out.pre_departure_counseling": "出発前に個別面談",
        "out.financial_support": "本学海外留学奨学金",
        "out.self_review": "派遣部会",
        "out.credit_transfer": "認定基準に基づき",
    },
    "levels": {"inbound": "above", "outbound": "standard", "environment": "above"},
    "notes": [
        "Report date 令和4年6月 (FY2022). Inbound figures in one sentence (令和元年度209人 ... 令和4年5月1日現在では231人): "
        "latest three 2020-2022 = 198, 176, 231 -> A = 201.7 (above); E = 6,120 -> R = 3.30 % (standard) -> above; "
        "coverage 11/11 -> above. 学部5,402/大学院718 are parts of E.",
        "Outbound figures far from their noun (海外派遣の実績は、令和元年度の129人から…令和2年度がわずか2人…令和3年度18人、"
        "令和4年度…既に37人): 2020-2022 = 2, 18, 37 -> A = 19.0 (standard), R = 0.31 % (below) -> standard; 6/6 -> "
        "standard. 37 is a partial-year 速報値 but an actual figure of FY2022. 150人 (令和9年度) is a target.",
        "142科目 is the 令和3年度 count (foreign_language_courses FY2021); 74大学・機関 (令和4年5月1日現在) partners.",
        "Environment 10/10 required; others: 国際戦略本部 (sets policy and yearly plan), コース・ナンバリング, UMAP "
        "membership = 3 -> above. The English-language 国際入試 is admission, not a degree programme in English.",
        "Self review: 国際戦略本部 verifies the internationalisation indicators yearly (env), the 受入部会 checks the "
        "students' records and surveys yearly (in), the 派遣部会 checks returnee surveys and credits each semester (out).",
        "Pre-departure counselling: individual interviews of the students selected to go (出発前に個別面談).",
    ],
})

# 4 ---------------------------------------------------------------------------------------------------------
REPORTS.append({
    "name": "hamakaze-kokusai-u-news-2024",
    "producer": "chromium (news list page: dated items with tags, 【期間】【参加人数】 bullet lines)",
    "source": "invented: 浜風国際大学 国際交流ニュース一覧（2024年度）",
    "genre": "news items",
    "figs": [
        (S, 2, "プログラム", 2024, "actual", "2プログラムを実施", "2プログラム"),
        (OUT, 34, "名", 2024, "actual", "計34名の学生が参加", "34名"),
        (S, 5, "万円", None, "actual", "1人あたり5万円", "5万円"),
        (OUT, 50, "名", 2025, "target", "参加者50名を目標", "50名"),
        (S, 19, "名", 2024, "actual", "【参加人数】19名", "19名"),
        (S, 11, "名", 2024, "actual", "1年生11名", "11名"),
        (S, 8, "名", 2024, "actual", "2年生8名", "8名"),
        (S, 3, "回", None, "actual", "3回の事前研修", "3回"),
        (S, 4, "名", 2024, "actual", "研修経験者4名", "4名"),
        (S, 60, "名", 2024, "actual", "約60名が参加", "約60名"),
        (S, 2, "週間", None, "actual", "(2週間)", "2週間"),
        (F, 12, "名", 2024, "actual", "【参加人数】12名", "12名"),
        (S, 15, "名", 2024, "actual", "学生15名", "15名"),
        (S, 1, "名", 2024, "actual", "引率教員1名", "1名"),
        (S, 3, "週間", None, "actual", "3週間の研修", "3週間"),
    ],
    "prac": {
        "env.org_unit": "国際交流センターの職員",
        "env.partner_agreements": "協定校のチェンマイ大学",
        "in.japanese_education": "日本語の集中授業",
        "in.short_programs": "短期研修生を受け入れました",
        "in.study_support": "研修生の授業や生活をサポート",
        "in.community_exchange": "地域の方々と交流",
        "out.pre_departure_education": "3回の事前研修を行い、韓国語の基礎と異文化理解",
        "out.short_programs": "オーストラリア語学研修",
        "out.study_abroad_info": "参加を考えている学生を対象に留学説明会",
        "out.financial_support": "海外研修支援金",
    },
    "levels": {"inbound": "below", "outbound": "below", "environment": "below"},
    "notes": [
        "News items of FY2024 (April 2024 - March 2025); the 2025年2-3月 Korea programme is FY2024.",
        "Outbound: the 2025.03.31 summary 「夏・春あわせて計34名」 is the short-programme total (subset total, the only "
        "outbound total: levels.md) = outbound_students FY2024; the programme items' 【参加人数】19名 and 学生15名 are its "
        "parts (other). A = 34 (standard), no enrolment (R unknown); coverage 4/6 (事前研修 in Korean and 異文化理解, "
        "short programmes, 説明会 for students considering going, 支援金) -> below. 参加者50名 (来年度) is a target (FY2025).",
        "Inbound: 【参加人数】12名 of the Chiang Mai short programme is the only inbound figure -> foreign_students FY2024 "
        "(a subset total counts). A = 12 -> below; coverage 3/11 -> below.",
        "Not figures of students: 約60名 (説明会 attendance), 研修経験者4名, 引率教員1名, 1年生11名/2年生8名 (parts of 19).",
        "Homestay with local people: in.community_exchange (not a student exchange event, so no env.exchange_events).",
    ],
})

# 5 ---------------------------------------------------------------------------------------------------------
Y3 = [2022, 2023, 2024]
REPORTS.append({
    "name": "shiun-u-chuki-shinchoku-2024",
    "producer": "reportlab-cid (progress report: targets vs actuals table with wrapped row labels, notes under it)",
    "source": "invented: 紫雲大学 第4期中期目標・中期計画 進捗状況報告書（令和6年度） 中期計画【12】",
    "genre": "mid-term plan progress report",
    "figs": (
        row("外国人留学生数", "外国人留学生400318342377", [400], [2027], F, "人", "target")
        + row("外国人留学生数", "外国人留学生400318342377", [318, 342, 377], Y3, F, "人")
        + [(S, 94.3, "%", 2024, "ratio", "外国人留学生400318342377", "94.3%")]
        + row("海外派遣学生数", "海外派遣学生300121164203", [300], [2027], OUT, "人", "target")
        + row("海外派遣学生数", "海外派遣学生300121164203", [121, 164, 203], Y3, OUT, "人")
        + [(S, 67.7, "%", 2024, "ratio", "海外派遣学生300121164203", "67.7%")]
        + row("英語による授業科目数", "英語による授200138151170", [200], [2027], "foreign_language_courses", "科目", "target")
        + row("英語による授業科目数", "英語による授200138151170", [138, 151, 170], Y3, "foreign_language_courses", "科目")
        + [(S, 85.0, "%", 2024, "ratio", "英語による授200138151170", "85.0%")]
        + row("交流協定校数", "交流協定校数100818692", [100], [2027], "partner_universities", "校", "target")
        + row("交流協定校数", "交流協定校数100818692", [81, 86, 92], Y3, "partner_universities", "校")
        + [(S, 92.0, "%", 2024, "ratio", "交流協定校数100818692", "92.0%")]
        + [
            (E, 8950, "人", 2024, "actual", "在学生数は8,950人", "8,950人"),
            (S, 180, "人", None, "actual", "定員180人", "180人"),
            (S, 9, "プログラム", 2024, "actual", "9プログラムに拡充", "9プログラム"),
            (S, 2, "回", None, "actual", "年2回", "2回"),
        ]
    ),
    "prac": {
        "env.org_unit": "グローバル教育センター",
        "env.foreign_language_classes": "国際教養プログラムの全科目を英語で開講",
        "env.partner_agreements": "交流協定校数",
        "env.self_review": "上表の評価指標の達成状況",
        "env.degree_in_foreign_language": "英語の授業だけで学位が取得できる",
        "in.foreign_language_classes": "国際教養プログラムの全科目を英語で開講",
        "in.japanese_education": "留学生向けの日本語科目",
        "in.short_programs": "交換留学生を毎年受け入れている",
        "in.study_support": "チューター制度により新入留学生の履修を支援",
        "in.housing": "国際学生寮",
        "in.financial_support": "授業料減免と本学独自の奨学金",
        "in.admission_exam": "私費外国人留学生入試を全学部で実施",
        "in.self_review": "受入れ・派遣それぞれの支援の状況を点検・評価",
        "in.degree_in_foreign_language": "英語の授業だけで学位が取得できる",
        "out.pre_departure_education": "留学準備英語",
        "out.short_programs": "短期研修を9プログラムに拡充",
        "out.study_abroad_info": "留学フェア",
        "out.financial_support": "給付型奨学金",
        "out.self_review": "受入れ・派遣それぞれの支援の状況を点検・評価",
    },
    "levels": {"inbound": "above", "outbound": "outstanding", "environment": "below"},
    "notes": [
        "表1 has targets (目標値（R9） -> FY2027, kind target) beside actuals R4..R6 (2022-2024); the units are in the "
        "wrapped row labels （人）（科目）（校）; 達成率 is a ratio (other, FY2024).",
        "Inbound: 318, 342, 377 -> A = 345.7 (outstanding, >= 300); E = 8,950 (令和6年5月1日現在) -> R = 3.86 % "
        "(standard) -> outstanding; coverage 8/11 = 0.73 < 0.75 (no multilingual website, no web admission info, "
        "career support only 今後検討) -> above.",
        "Outbound: 121, 164, 203 -> A = 162.7 (outstanding, >= 100); R = 1.82 % (above) -> outstanding; coverage 5/6 "
        "(individual counselling only 今後検討) -> outstanding.",
        "Environment: required 4/10 (centre, English-taught courses, agreements, the council's yearly check of the "
        "indicators); other: the English-only degree course = 1 -> below. The 国際化推進会議 checks and notifies; it is "
        "not said to set policy or plans, so no env.strategy_hq.",
        "Goals are not evidence: the 中期目標/中期計画 lines and 今後の課題 (個別相談体制, 就職支援 to be considered).",
    ],
})

# 6 ---------------------------------------------------------------------------------------------------------
REPORTS.append({
    "name": "wakashio-u-nenpo-2023",
    "producer": "reportlab-cid (two columns under a full-width title, running header, centred footer)",
    "source": "invented: 若潮大学 国際センター年報 2023「Ⅰ 2023年度の概況」",
    "genre": "annual report of an international centre, two columns",
    "figs": [
        (F, 162, "名", 2023, "actual", "外国人留学生数は162名", "162名"),
        (F, 139, "名", 2022, "actual", "前年度の139名", "139名"),
        (S, 23, "名", 2023, "actual", "23名増加", "23名"),
        (F, 117, "名", 2021, "actual", "2021年度は117名", "117名"),
        (E, 4380, "名", 2023, "actual", "全学の学生数4,380名", "4,380名"),
        (S, 3.7, "%", 2023, "ratio", "占める割合は3.7%", "3.7%"),
        (S, 5, "レベル", None, "actual", "5レベル", "5レベル"),
        (S, 200, "名", 2023, "actual", "地域住民約200名", "約200名"),
        (S, 48, "室", None, "actual", "(48室)", "48室"),
        (S, 3, "日", None, "actual", "週3日", "3日"),
        (S, 1, "学期", None, "actual", "長期(1学期以上)", "1学期以上"),
        (S, 23, "名", 2023, "actual", "が23名", "23名"),
        (S, 4, "週間", None, "actual", "4週間未満", "4週間未満"),
        (S, 58, "名", 2023, "actual", "が58名", "58名"),
        (OUT, 81, "名", 2023, "actual", "合計81名", "81名"),
        (OUT, 44, "名", 2022, "actual", "合計44名", "44名"),
        (OUT, 6, "名", 2021, "actual", "年度の6名", "6名"),
        (S, 1, "回", None, "actual", "月1回オンライン面談", "1回"),
        (S, 19, "か国・地域", None, "actual", "19か国・地域", "19か国・地域"),
        ("partner_universities", 45, "校", 2023, "actual", "45校となった", "45校"),
        (S, 4, "名", 2023, "actual", "専任教員4名", "4名"),
        (S, 2, "名", 2023, "actual", "外国籍2名", "2名"),
        (S, 8, "名", 2023, "actual", "事務職員8名", "8名"),
        (S, 3, "週間", None, "actual", "(3週間)", "3週間"),
        (S, 8, "校", 2023, "actual", "協定校8校", "8校"),
        (S, 31, "名", 2023, "actual", "31名を受け入れた", "31名"),
        (S, 42, "名", 2023, "actual", "成績優秀者42名", "42名"),
        (S, 2, "万円", None, "actual", "月額2万円", "2万円"),
        (S, 10, "万円", None, "actual", "上限10万円", "10万円"),
    ],
    "prac": {
        "env.org_unit": "国際センターは、センター長",
        "env.foreign_faculty": "専任教員4名(うち外国籍2名)",
        "env.exchange_events": "わかしおインターナショナル・デー",
        "env.partner_agreements": "大学と協定を締結し",
        "env.self_review": "センターの運営委員会は年度ごとに本年報の数値をもとに事業を点検",
        "in.japanese_education": "日本語コース",
        "in.short_programs": "夏季日本語・日本文化研修",
        "in.study_support": "ピア・サポーターが留学生の学修相談",
        "in.housing": "借り上げたアパート",
        "in.financial_support": "若潮国際奨学金",
        "in.self_review": "センターの運営委員会は年度ごとに本年報の数値をもとに事業を点検",
        "in.counseling": "留学生専任のカウンセラー",
        "in.community_exchange": "地域住民約200名が参加",
        "out.short_programs": "短期(4週間未満)が58名",
        "out.pre_departure_counseling": "渡航予定者全員を対象とする危機管理オリエンテーション",
        "out.financial_support": "渡航費補助",
        "out.self_review": "センターの運営委員会は年度ごとに本年報の数値をもとに事業を点検",
        "out.counseling_abroad": "月1回オンライン面談",
    },
    "levels": {"inbound": "below", "outbound": "below", "environment": "below"},
    "notes": [
        "Two columns; the text flows from the left column into the right one.",
        "Inbound: 162 (2023), 前年度の139 (the year comes from 前年度 of 2023年度 -> 2022), 117 (2021) -> A = 139.3 "
        "(standard); E = 4,380 -> R = 3.18 % (standard) -> standard; coverage 6/11 -> below. 23名増加 is a "
        "difference (other); the 31 summer-programme students are a part (other: one figure a year, the widest).",
        "Outbound: 長期23・短期58 parts, 合計81 (2023); 2022年度の合計44名, 2021年度の6名 -> A = 43.7 (standard), "
        "R = 1.00 % (standard) -> standard; coverage 4/6 (short programmes, 危機管理オリエンテーション for those "
        "going, 渡航費補助, the committee's yearly check) -> below.",
        "The centre's 運営委員会 checks its programmes (受入れ, 派遣, 協定) yearly on the annual report's figures: "
        "self review for all three items. It sets the centre's priorities, not university policy: no env.strategy_hq.",
        "専任教員4名（うち外国籍2名）: the centre's staff, a part of the university's faculty, so 2名 is other; it shows "
        "full-time foreign faculty (env.foreign_faculty).",
        "Goals, not evidence: 英語による授業科目の拡充, 英語版ウェブサイトの全面改訂, 就職支援 (次年度の課題).",
    ],
})

# 7 ---------------------------------------------------------------------------------------------------------
REPORTS.append({
    "name": "ryokuin-joshi-jc-kokusai",
    "producer": "chromium (short junior-college page, three sentences and a last-updated date)",
    "source": "invented: 緑陰女子短期大学「国際交流」",
    "genre": "short page",
    "figs": [
        ("partner_universities", 5, "大学", 2023, "actual", "5大学と姉妹校提携", "5大学"),
        (OUT, 20, "名", 2023, "actual", "約20名の学生が姉妹校での海外研修", "約20名"),
    ],
    "prac": {
        "env.org_unit": "学生課国際交流係",
        "env.partner_agreements": "姉妹校提携を結んでいます",
        "out.short_programs": "海外研修に参加",
        "out.pre_departure_counseling": "一人ひとりの相談に応じています",
    },
    "levels": {"inbound": "undetermined", "outbound": "below", "environment": "below"},
    "notes": [
        "The only date is 最終更新日：2023年4月1日 (FY2023); 毎年…約20名 has no year of its own and takes the page's date "
        "(levels.md) -> outbound_students FY2023, 約 read as the number. A = 20 (standard), no enrolment; coverage 2/6 "
        "-> below. 5大学 (姉妹校) takes FY2023 the same way.",
        "国際交流係 is an office (the guideline's own example 国際係), not a staff assignment: env.org_unit.",
        "「留学や海外研修を希望する学生には…一人ひとりの相談」 is individual counselling before going "
        "(out.pre_departure_counseling), not a briefing, so not out.study_abroad_info. Homestay with English lessons "
        "is part of the programme, not pre-departure education.",
        "No inbound figure or practice: inbound undetermined.",
    ],
})

# 8 ---------------------------------------------------------------------------------------------------------
REPORTS.append({
    "name": "kurenai-u-cie",
    "producer": "chromium (bilingual Japanese/English centre page, Facts & Figures table, bold English lead-ins)",
    "source": "invented: 紅大学 Kurenai University 国際教育センター Center for International Education (CIE)",
    "genre": "English-mixed international centre page",
    "figs": [
        (F, 284, "名", 2023, "actual", "在籍留学生数(asofMay1,2023)", "284名"),
        (OUT, 131, "名", 2022, "actual", "海外留学者数(AY2022)", "131名"),
        ("partner_universities", 112, "校", None, "actual", "協定校数", "112校"),
        (S, 35, "か国・地域", None, "actual", "国・地域", "35か国・地域"),
        (E, 9870, "名", 2023, "actual", "全学生数(asofMay1,2023)", "9,870名"),
        (S, 6, "レベル", None, "actual", "6レベルの日本語クラス", "6レベル"),
        (S, 120, "rooms", None, "actual", "(120rooms)", "120"),
        (S, 40000, "円", None, "actual", "¥40,000permonth", "40,000"),
        (S, 20, "recipients", None, "actual", "20recipientseachyear", "20"),
        (S, 30, "%", None, "ratio", "授業料の30%又は50%", "30%"),
        (S, 50, "%", None, "ratio", "授業料の30%又は50%", "50%"),
        (S, 200000, "円", None, "actual", "upto¥200,000", "200,000"),
    ],
    "prac": {
        "env.org_unit": "国際教育センター(CIE)は",
        "env.foreign_language_classes": "taughtentirelyinEnglish",
        "env.partner_agreements": "Exchangeprogramswithpartneruniversities",
        "env.info_in_foreign_language": "教育課程とシラバスの概要を含む",
        "env.degree_in_foreign_language": "英語による授業のみで学位を取得でき",
        "env.flexible_admission": "10月入学も可能",
        "in.foreign_language_classes": "taughtentirelyinEnglish",
        "in.japanese_education": "6レベルの日本語クラス",
        "in.multilingual_website": "英語・中国語・韓国語でもご覧いただけます",
        "in.study_support": "helpswithcourseregistration",
        "in.housing": "KurenaiInternationalHouse",
        "in.financial_support": "KurenaiGlobalScholarship",
        "in.career_support": "インターンシップ説明会や面接練習",
        "in.admission_exam": "外国人留学生入試",
        "in.admission_info_web": "ApplicationguidelinesforinternationalapplicantsarepostedontheEnglishwebsite",
        "in.degree_in_foreign_language": "英語による授業のみで学位を取得でき",
        "out.short_programs": "短期プログラムがあります",
        "out.study_abroad_info": "StudyAbroadFairs",
        "out.pre_departure_counseling": "留学アドバイザーによる個別相談",
        "out.financial_support": "KurenaiOverseasStudyGrant",
    },
    "levels": {"inbound": "above", "outbound": "above", "environment": "below"},
    "notes": [
        "Facts & Figures table with bilingual labels and dates in English (as of May 1, 2023 -> FY2023; AY2022 -> FY2022).",
        "Inbound: 284 -> A = 284 (above: over 150, under 300); E = 9,870 -> R = 2.88 % (standard) -> above; coverage "
        "9/11 (no inbound short programme: the exchange programmes are described under Study Abroad only; no self "
        "review) -> above. One year only: 過去3年間 missing.",
        "Outbound: 131 (AY2022) -> A = 131 (outstanding, >= 100); R = 1.33 % (standard) -> outstanding; coverage 4/6 "
        "(no pre-departure language/intercultural education, no self review) -> above.",
        "112校 has no year of its own and the page has no date of its own (the May 1, 2023 dates belong to their rows): "
        "year null. English units as printed (120 rooms, 20 recipients); ¥40,000 and ¥200,000 in 円.",
        "The language menu is not counted by itself; the sentence 「英語・中国語・韓国語でもご覧いただけます（教育課程と"
        "シラバスの概要を含む）」 is evidence for in.multilingual_website and env.info_in_foreign_language. 全学組織 here "
        "describes a support centre, not a planning body: no env.strategy_hq. October intake: env.flexible_admission.",
    ],
})
# fmt: on
