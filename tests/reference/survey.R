# Reference values for tests/test_design.py, test_crosstab.py and test_designsurvival.py,
# computed with R's survey package on its published `api` data and on simulated data that
# this script writes (tests/reference/sim_survey.csv, sim_twostage.csv).
#
#   cd tests/reference && Rscript survey.R      # writes survey.json (+ the two CSVs)
#
# The tests read survey.json; they never need R.  Raking is run to convergence
# (control epsilon 1e-12 of the weight total), so R's and cjresearch's raked weights agree
# to ~1e-9 and the comparison is of the variance formula, not of where IPF stopped.
suppressMessages({library(survey); library(jsonlite)})
options(survey.lonely.psu = "fail")
out <- list(R = R.version.string, survey = as.character(packageVersion("survey")))
data(api)

est <- function(x) {  # svystat -> list(estimate, se)
  list(estimate = as.numeric(coef(x)), se = as.numeric(SE(x)))
}
tight <- list(maxit = 200, epsilon = 1e-12, verbose = FALSE)

## 1. raking ---------------------------------------------------------------------------
pop.types <- data.frame(stype = c("E", "H", "M"), Freq = c(4421, 755, 1018))
pop.schwide <- data.frame(sch.wide = c("No", "Yes"), Freq = c(1072, 5122))
dclus1 <- svydesign(id = ~dnum, weights = ~pw, data = apiclus1, fpc = ~fpc)
rclus1 <- rake(dclus1, list(~stype, ~sch.wide), list(pop.types, pop.schwide), control = tight)
out$rake_apiclus1 <- list(
  api00 = est(svymean(~api00, rclus1)),
  enroll = est(svytotal(~enroll, rclus1)),
  awards = est(svymean(~I(as.numeric(awards == "Yes")), rclus1)),
  api00_by_stype = as.list(as.data.frame(svyby(~api00, ~stype, rclus1, svymean)))
)
pop.compimp <- as.data.frame(table(comp.imp = apipop$comp.imp))
dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat, fpc = ~fpc)
rstrat <- rake(dstrat, list(~stype, ~comp.imp), list(pop.types, pop.compimp), control = tight)
out$rake_apistrat <- list(
  margins = list(stype = setNames(as.list(pop.types$Freq), pop.types$stype),
                 comp.imp = setNames(as.list(pop.compimp$Freq), pop.compimp$comp.imp)),
  api00 = est(svymean(~api00, rstrat)),
  enroll = est(svytotal(~enroll, rstrat)),
  meals = est(svymean(~meals, rstrat))
)

## simulated: 6 strata, 5 PSUs numbered 1..5 within each stratum (NHANES-style), unequal
## weights within every raking cell, ties in the survival times
set.seed(20240613)
rows <- list()
for (h in 1:6) for (j in 1:5) {
  m <- sample(12:28, 1)
  u <- rnorm(1, 0, 4)          # PSU effect
  rows[[length(rows) + 1]] <- data.frame(
    stratum = h, psu = j, w = round(runif(m, 0.5, 3) * (1 + h / 3), 3),
    age = sample(c("18-34", "35-54", "55+"), m, TRUE, prob = c(0.5, 0.3, 0.2) + c(0, 0, h / 40) - c(h / 40, 0, 0)),
    region = sample(c("N", "E", "S", "W"), m, TRUE, prob = c(h, 3, 2, 7 - h)),
    u = u)
}
sim <- do.call(rbind, rows)
n <- nrow(sim)
sim$y <- round(50 + sim$u + 5 * (sim$age == "55+") - 3 * (sim$region == "S") + rnorm(n, 0, 8), 2)
sim$b <- as.integer(runif(n) < plogis(-0.3 + 0.05 * sim$u + 0.6 * (sim$age == "18-34")))
sim$brand <- sample(c("A", "B", "C", "D"), n, TRUE)
sim$brand[sim$age == "55+" & runif(n) < 0.3] <- "A"
lat <- rexp(n, 1 / (30 * exp(0.2 * sim$u / 4 + 0.4 * (sim$age == "55+"))))
cens <- runif(n, 10, 80)
sim$time <- pmax(1, ceiling(pmin(lat, cens) / 3) * 3)   # 3-day grid: many ties
sim$status <- as.integer(lat <= cens)
sim$u <- NULL
write.csv(sim, "sim_survey.csv", row.names = FALSE)

ds <- svydesign(id = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = sim)
W <- sum(sim$w)
pop.age <- data.frame(age = c("18-34", "35-54", "55+"), Freq = W * c(0.35, 0.35, 0.30))
pop.region <- data.frame(region = c("N", "E", "S", "W"), Freq = W * c(0.2, 0.25, 0.25, 0.3))
rs <- rake(ds, list(~age, ~region), list(pop.age, pop.region), control = tight)
out$sim_nest <- list(y = est(svymean(~y, ds)), b = est(svymean(~b, ds)), degf = degf(ds))
out$sim_rake <- list(
  margins = list(age = setNames(as.list(pop.age$Freq), pop.age$age),
                 region = setNames(as.list(pop.region$Freq), pop.region$region)),
  y = est(svymean(~y, rs)), b = est(svymean(~b, rs)), y_total = est(svytotal(~y, rs)),
  y_by_brand = as.list(as.data.frame(svyby(~y, ~brand, rs, svymean))))

## 2. multi-stage ------------------------------------------------------------------------
dclus2 <- svydesign(id = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
out$apiclus2 <- list(
  api00 = est(svymean(~api00, dclus2)),
  enroll = est(svytotal(~enroll, dclus2, na.rm = TRUE)),
  api00_by_stype = as.list(as.data.frame(svyby(~api00, ~stype, dclus2, svymean))),
  api00_one_stage = est(svymean(~api00, svydesign(id = ~dnum, fpc = ~fpc1, weights = ~pw, data = apiclus2))))

## simulated two-stage stratified design: stage 1 samples 4 PSUs of N1 per stratum, stage 2
## samples up to 3 SSUs of M per PSU (some PSUs have M <= 3: all taken), 2-4 rows per SSU
rows <- list()
for (h in 1:3) {
  N1 <- c(10, 12, 15)[h]
  for (j in 1:4) {
    M <- sample(c(2, 3, 5, 8, 20), 1)
    m <- min(3, M)
    u <- rnorm(1, 0, 5)
    for (k in 1:m) {
      r <- sample(2:4, 1)
      v <- rnorm(1, 0, 3)
      rows[[length(rows) + 1]] <- data.frame(stratum = h, psu = j, ssu = k, N1 = N1, M = M,
        w = (N1 / 4) * (M / m), y = round(20 + 2 * h + u + v + rnorm(r, 0, 2), 2))
    }
  }
}
two <- do.call(rbind, rows)
write.csv(two, "sim_twostage.csv", row.names = FALSE)
d2 <- svydesign(id = ~psu + ssu, strata = ~stratum, fpc = ~N1 + M, weights = ~w, nest = TRUE, data = two)
out$sim_twostage <- list(y = est(svymean(~y, d2)), y_total = est(svytotal(~y, d2)))

## 3. Rao-Scott tests of two-way tables -----------------------------------------------------
chis <- function(formula, design) {
  f <- svychisq(formula, design, statistic = "F")
  c2 <- svychisq(formula, design, statistic = "Chisq")
  list(F = unname(f$statistic), ndf = unname(f$parameter[1]), ddf = unname(f$parameter[2]),
       p_F = f$p.value, X2 = unname(c2$statistic), df = unname(c2$parameter[1]), p_chisq = c2$p.value)
}
out$chisq <- list(
  apiclus1_schwide_stype = chis(~sch.wide + stype, dclus1),
  apistrat_awards_stype = chis(~awards + stype, dstrat),
  sim_brand_age = chis(~brand + age, ds),
  sim_brand_region_raked = chis(~brand + region, rs),
  # missing answers (acs.k3 is NA for 39 schools): svychisq keeps them in the design and
  # scales svytable to NROW(design), all 183 schools
  apiclus1_schwide_k3big_missing = chis(~sch.wide + k3big,
                                        update(dclus1, k3big = acs.k3 > 20)))

## 4. design-based survival curve (svykm, se = TRUE) -----------------------------------------
km <- function(design) {
  s <- svykm(Surv(time, status) ~ 1, design, se = TRUE)
  last <- !duplicated(s$time, fromLast = TRUE)   # tied events: the row after the last one
  ci <- confint(s, s$time[last])
  list(time = s$time[last], surv = s$surv[last], varlog = s$varlog[last],
       ci_low = unname(ci[, 1]), ci_high = unname(ci[, 2]))
}
out$svykm <- list(sim = km(ds), sim_55 = km(subset(ds, age == "55+")))

## 5. an fpc without weights: svydesign derives the weights from it -------------------------
dfpc <- svydesign(id = ~dnum, fpc = ~fpc, data = apiclus1)
out$fpc_only_apiclus1 <- list(weight = unname(weights(dfpc)[1]),
                              enroll = est(svytotal(~enroll, dfpc)), api00 = est(svymean(~api00, dfpc)))

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "survey.json")
cat("wrote survey.json\n")
