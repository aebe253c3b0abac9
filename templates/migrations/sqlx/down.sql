{{ down }}
