// Words the seed draws from, so seeded records read like a real support team's data.

enum SeedVocabulary {
    static let firstNames = [
        "Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Frances", "Edsger",
        "Radia", "Tim", "Katherine", "Guido", "Hedy", "Bjarne", "Sophie", "Niklaus", "Anita", "Donald",
        "Priya", "Mateo", "Yuki", "Amara", "Lars", "Fatima", "Diego", "Mei", "Olu", "Ingrid",
    ]
    static let lastNames = [
        "Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Allen",
        "Dijkstra", "Perlman", "Berners-Lee", "Johnson", "van Rossum", "Lamarr", "Stroustrup", "Wilson",
        "Wirth", "Borg", "Knuth", "Raman", "Garcia", "Tanaka", "Okafor", "Nilsson", "Haddad", "Silva",
        "Chen", "Adeyemi", "Larsen",
    ]
    static let groupNames: [(name: String, description: String)] = [
        ("Billing", "Invoices, refunds and payment methods."),
        ("Technical Support", "Bugs, outages and integration questions."),
        ("Sales", "Pricing, trials and plan upgrades."),
        ("Onboarding", "Helps new accounts through their first weeks."),
        ("Enterprise", "Dedicated support for enterprise contracts."),
        ("Escalations", "Conversations that need a senior agent."),
    ]
    static let routingTypes = ["intelliassign", "round_robin", "disabled"]
    static let channelNames = [
        "Website", "Mobile App", "Billing Help", "Product Feedback", "Enterprise Support", "Partner Portal",
    ]
    static let welcomeTexts = [
        "Hi there! How can we help you today?",
        "Welcome! An agent will be with you shortly.",
        "Hello! Ask us anything about your account.",
    ]
    static let biographies = [
        "Loves untangling tricky integrations.",
        "Five years on the support desk; fluent in three languages.",
        "Former developer who now helps customers ship faster.",
        "Keeps the billing team's refund queue at zero.",
    ]
    static let plans = ["free", "starter", "pro", "enterprise"]
    static let countries = ["US", "IN", "DE", "BR", "JP", "NG", "SE", "FR"]
    static let userLines = [
        "Hi, I was charged twice for my subscription this month.",
        "The mobile app crashes when I open the settings page.",
        "How do I export my conversation history?",
        "Can I upgrade to the annual plan mid-cycle?",
        "I can't log in after resetting my password.",
        "Is there an API limit on the starter plan?",
    ]
    static let agentLines = [
        "Thanks for reaching out! Let me look into that for you.",
        "I've issued a refund; it should appear within 5 business days.",
        "Could you tell me which app version you're on?",
        "You can export it from Settings → Data → Export.",
        "I've reset your session; please try logging in again.",
    ]
}
