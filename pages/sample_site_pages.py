"""Sample data: the site's own pages (contact, accessibility, privacy, terms of use), in both
languages; pages/sample_data.py loads them with the content pages."""

# The site's own pages, linked from every page's footer. Staff adapt them in the admin.
CONTACT = {
    "slug": "contact",
    "title": "Contact",
    "title_ja": "お問い合わせ",
    "summary": "Where to send questions about this site and its figures.",
    "summary_ja": "このサイトと掲載している数字についてのお問い合わせ先です。",
    "show_in_footer": True,
    "navigation_order": 10,
    "sections": [
        {
            "body": (
                "This site is published by the National Police Agency of Japan (NPA), "
                "2-1-2 Kasumigaseki, Chiyoda-ku, Tokyo 100-8974, Japan.\n\n"
                "Please tell us about a figure that looks wrong, a broken link or a page you "
                "cannot use: write which page it is and what you expected to find. We read "
                "every message; questions about individual police cases cannot be answered "
                "here.\n\n"
                "*Sample text: staff replace it with the office's own email address and "
                "telephone number.*"
            ),
            "body_ja": (
                "このサイトは警察庁が運営しています。所在地は〒100-8974 東京都千代田区"
                "霞が関2-1-2です。\n\n"
                "数字の誤り、リンク切れ、使いにくいページなどにお気付きの際は、どのページか、"
                "何が載っているはずだったかを添えてお知らせください。いただいたご意見には"
                "すべて目を通しますが、個別の事件に関するお問い合わせにはお答えできません。"
                "\n\n"
                "*サンプルの文章です。運用の際は、担当部署のメールアドレスと電話番号に"
                "差し替えてください。*"
            ),
        },
    ],
}

ACCESSIBILITY = {
    "slug": "accessibility",
    "title": "Accessibility statement",
    "title_ja": "ウェブアクセシビリティ方針",
    "summary": (
        "How this site is built to be usable by everyone, how it is checked, and its known gaps."
    ),
    "summary_ja": (
        "誰もが利用できるサイトにするための取組と、その確認の方法、把握している課題です。"
    ),
    "show_in_footer": True,
    "navigation_order": 20,
    "sections": [
        {
            "heading": "Our aim",
            "heading_ja": "目標",
            "body": (
                "We aim to meet level AA of JIS X 8341-3:2016, the Japanese Industrial "
                "Standard for web accessibility, which matches WCAG 2.1 level AA.\n\n"
                "- Every page works with a keyboard alone, with a visible focus outline and a "
                "link to skip to the main content.\n"
                "- Pages work from 320 pixels wide and when the text is enlarged to 200%.\n"
                "- Each chart has a table beside it with the same numbers, and a text "
                "description for screen readers; color is never the only cue.\n"
                "- Pages need no JavaScript."
            ),
            "body_ja": (
                "ウェブアクセシビリティの日本産業規格JIS X 8341-3:2016の適合レベルAAを目標と"
                "しています。これはWCAG 2.1のレベルAAに相当します。\n\n"
                "- すべてのページをキーボードだけで操作できます。フォーカスの位置ははっきり"
                "表示され、本文へ移動するリンクがあります。\n"
                "- 画面の幅が320ピクセルでも、文字を200%に拡大しても利用できます。\n"
                "- グラフには同じ数字の表と、スクリーンリーダー向けの説明文を添えています。"
                "色だけで情報を伝えることはしていません。\n"
                "- JavaScriptを使わずに利用できます。"
            ),
        },
        {
            "heading": "How we check",
            "heading_ja": "確認の方法",
            "body": (
                "Every change to the site is tested automatically in a browser with the axe "
                "accessibility checker, at phone and desktop widths, and every page type is "
                "checked against the HTML standard. Keyboard use is tested too."
            ),
            "body_ja": (
                "サイトを変更するたびに、スマートフォンとパソコンの画面幅で、アクセシビリティ"
                "検査ツールaxeによる試験をブラウザ上で自動的に行っています。あわせて、すべての"
                "種類のページがHTMLの標準に沿っているかを確かめ、キーボードでの操作も試験して"
                "います。"
            ),
        },
        {
            "heading": "Known gaps",
            "heading_ja": "把握している課題",
            "body": (
                "The wide tables scroll sideways on small screens. The downloads are CSV "
                "files, which some screen readers present cell by cell. If something on this "
                "site is hard to use, please tell us through the contact page."
            ),
            "body_ja": (
                "幅の広い表は、小さな画面では横にスクロールしてご覧いただく必要があります。"
                "ダウンロードできるCSVファイルは、スクリーンリーダーによっては1セルずつ読み上げ"
                "られます。使いにくい点がありましたら、お問い合わせのページからお知らせ"
                "ください。"
            ),
        },
    ],
}

PRIVACY = {
    "slug": "privacy",
    "title": "Privacy",
    "title_ja": "プライバシーポリシー",
    "summary": "What this site records about visitors: very little, and nothing for advertising.",
    "summary_ja": "このサイトが利用者について記録する情報はごくわずかで、広告には一切使いません。",
    "show_in_footer": True,
    "navigation_order": 30,
    "sections": [
        {
            "body": (
                "Reading this site runs no analytics or advertising script, and sets no cookie "
                "unless you choose a language with the language switch: then one cookie "
                "remembers your choice for a year.\n\n"
                "Like any web server, ours keeps a log of requests (address, time, page "
                "asked for) to keep the site secure and working. The log is not used to "
                "identify visitors and is deleted after a limited time.\n\n"
                "Staff who sign in to edit the site receive a session cookie, and failed "
                "sign-ins are recorded with their address to stop password guessing."
            ),
            "body_ja": (
                "このサイトでは、アクセス解析や広告のためのスクリプトは動作しません。クッキーも"
                "使いませんが、言語の切替えで言語を選んだときに限り、その選択を1年間記憶する"
                "クッキーを1つ保存します。\n\n"
                "一般的なウェブサーバーと同様に、サイトの安全と安定した運用のため、アクセスの"
                "記録（接続元のアドレス、日時、閲覧したページ）を保存しています。この記録を"
                "利用者の特定に使うことはなく、一定の期間が過ぎたら削除します。\n\n"
                "サイトを編集するためにログインする職員にはセッション用のクッキーを発行します。"
                "また、パスワードを推測する不正なログインを防ぐため、ログインに失敗した記録を"
                "接続元のアドレスとともに保存します。"
            ),
        },
    ],
}

TERMS = {
    "slug": "terms-of-use",
    "title": "Terms of use",
    "title_ja": "利用規約",
    "summary": "The figures and texts of this site may be reused freely, with credit.",
    "summary_ja": "このサイトの数字と文章は、出典を記載すれば自由に利用できます。",
    "show_in_footer": True,
    "navigation_order": 40,
    "sections": [
        {
            "heading": "Reusing the content",
            "heading_ja": "コンテンツの利用について",
            "body": (
                "You may copy, publish, translate, adapt and reuse the figures, tables and "
                "texts of this site, commercially too, under the Government of Japan "
                "Standard Terms of Use (Version 2.0), the terms Japanese ministries publish "
                "their content under. These terms are compatible with the [Creative Commons "
                "Attribution 4.0 International license (CC BY "
                "4.0)](https://creativecommons.org/licenses/by/4.0/): content reused under "
                "them may also be reused under CC BY 4.0."
            ),
            "body_ja": (
                "このサイトの数字、表、文章は、各府省のウェブサイトと同じ「政府標準利用規約"
                "（第2.0版）」に従い、複製、公開、翻訳、加工などの方法で自由に利用できます。"
                "商用目的での利用も可能です。この規約は"
                "[クリエイティブ・コモンズ 表示 4.0 国際ライセンス（CC BY 4.0）]"
                "(https://creativecommons.org/licenses/by/4.0/deed.ja)と互換性があり、"
                "この規約に従って利用できるコンテンツは、CC BY 4.0に従って利用することも"
                "できます。"
            ),
        },
        {
            "heading": "Crediting the source",
            "heading_ja": "出典の記載",
            "body": (
                "Name the source, for example: “Source: National Police Agency of Japan, "
                "International Cooperation portal”, with a link to the page. If you changed "
                "the content, say so, and do not present your version as the National Police "
                "Agency's own.\n\n"
                "Rows taken from another organization's page link to it; reuse of those "
                "pages follows that organization's terms."
            ),
            "body_ja": (
                "利用の際は、「出典：警察庁ウェブサイト『警察庁 国際協力』」のように出典を"
                "記載し、該当するページへのリンクを付けてください。内容を加工した場合はその旨を記載し、加工後"
                "のものを警察庁が作成したかのように公表しないでください。\n\n"
                "他の機関のページから取った行には、そのページへのリンクを付けています。それらの"
                "ページの利用は、各機関の利用条件に従ってください。"
            ),
        },
    ],
}
