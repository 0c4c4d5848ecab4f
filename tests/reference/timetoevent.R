# Reference values for the time-to-event tests (tests/test_coxfit.py, test_competing.py,
# test_progression.py). Run from the repository root:
#     Rscript tests/reference/timetoevent.R
# Writes tests/reference/timetoevent_sim.csv (simulated data, set.seed) and
# tests/reference/timetoevent.json (results). The tests read these files; they never run R.
# Written with R 4.x, survival 3.5-3, cmprsk 2.2-11, jsonlite.
suppressPackageStartupMessages({library(survival); library(cmprsk); library(jsonlite)})
out <- list(versions = list(R = R.version.string,
                            survival = as.character(packageVersion("survival")),
                            cmprsk = as.character(packageVersion("cmprsk"))))
tight <- coxph.control(eps = 1e-12, toler.chol = 1e-13, iter.max = 50)  # the maximum itself, not R's stopping point
coxres <- function(fit) list(coef = unname(coef(fit)), se = unname(sqrt(diag(fit$var))),
                             naive_se = if (is.null(fit$naive.var)) NULL else
                               unname(sqrt(diag(fit$naive.var))),
                             loglik = unname(fit$loglik), terms = names(coef(fit)))

# ---------------------------------------------------------------- simulated data
set.seed(20260513)
n <- 600
sim <- data.frame(id = 1:n, x1 = round(rnorm(n), 2), x2 = rbinom(n, 1, 0.4),
                  s = sample(c("a", "b"), n, TRUE), g = sample(c("p", "q", "r"), n, TRUE),
                  w = round(runif(n, 0.5, 3), 2))
conv <- rexp(n, 0.06 * exp(0.5 * sim$x1 - 0.4 * sim$x2 + 0.3 * (sim$g == "q")))
churn <- rexp(n, 0.03 * exp(0.2 * (sim$g == "r")))
cens <- runif(n, 0, 60)
tt <- pmin(conv, churn, cens)
sim$time <- floor(tt)      # whole days: many ties, and events at time 0
sim$event <- ifelse(tt == conv, 1L, ifelse(tt == churn, 2L, 0L))
sim$ctime <- round(tt, 6)  # continuous version (no ties) for crr
write.csv(sim, "tests/reference/timetoevent_sim.csv", row.names = FALSE)

# ---------------------------------------------------------------- Cox: ties and weights
lung <- read.csv("tests/data/lung.csv")
lung <- lung[!is.na(lung$wt.loss), ]
rossi <- read.csv("tests/data/rossi.csv")
cox <- list()
for (ties in c("efron", "breslow")) {
  cox[[paste0("lung_", ties)]] <- coxres(coxph(Surv(time, status == 2) ~ age + sex + wt.loss,
                                               data = lung, ties = ties, control = tight))
  cox[[paste0("rossi_", ties)]] <- coxres(coxph(Surv(week, arrest) ~ fin + age + race + wexp +
                                                  mar + paro + prio, data = rossi, ties = ties,
                                                control = tight))
  # strata, ties, non-integer case weights: R's default variance is then the robust one
  cox[[paste0("sim_weighted_", ties)]] <- coxres(coxph(Surv(time, event == 1) ~ x1 + x2 +
                                                         strata(s), data = sim, weights = w,
                                                       ties = ties, control = tight))
  cox[[paste0("sim_", ties)]] <- coxres(coxph(Surv(time, event == 1) ~ x1 + x2 + strata(s),
                                              data = sim, ties = ties, control = tight))
}
out$cox <- cox

# ---------------------------------------------------------------- Fine-Gray
mg <- read.csv("tests/data/mgus2.csv")
mg$etime <- ifelse(mg$pstat == 1, mg$ptime, mg$futime)
mg$ev <- ifelse(mg$pstat == 1, 1L, ifelse(mg$death == 1, 2L, 0L))
mg$male <- as.integer(mg$sex == "M")
fgres <- function(data, time, ev, covs, ties = "efron") {
  d <- data.frame(id = seq_len(nrow(data)), tm = data[[time]],
                  ev = factor(data[[ev]], 0:2, c("censor", "one", "two")), data[covs])
  fg <- finegray(Surv(tm, ev) ~ ., data = d, etype = "one")
  f <- as.formula(paste("Surv(fgstart, fgstop, fgstatus) ~", paste(covs, collapse = "+")))
  fit <- coxph(f, data = fg, weights = fgwt, cluster = id, ties = ties, control = tight)
  cr <- crr(data[[time]], data[[ev]], cov1 = as.matrix(data[covs]), failcode = 1, cencode = 0)
  list(coef = unname(coef(fit)), se_model = unname(sqrt(diag(fit$naive.var))),
       se_robust = unname(sqrt(diag(fit$var))), n_event = sum(fg$fgstatus),
       n_event_data = sum(data[[ev]] == 1), n_event_time0 = sum(data[[ev]] == 1 & data[[time]] == 0),
       fg_rows = nrow(fg), fg_min_start = min(fg$fgstart),
       crr_coef = unname(cr$coef), crr_se = unname(sqrt(diag(cr$var))), terms = covs)
}
out$finegray <- list(
  mgus2 = fgres(mg, "etime", "ev", c("age", "male")),
  mgus2_breslow = fgres(mg, "etime", "ev", c("age", "male"), ties = "breslow"),
  sim_time0 = fgres(sim, "time", "event", c("x1", "x2")),
  sim_continuous = fgres(sim, "ctime", "event", c("x1", "x2")))

# ---------------------------------------------------------------- curves read at times
km_at <- function(fit, times, extend) {
  s <- summary(fit, times = times, extend = extend)
  data.frame(strata = if (is.null(s$strata)) "all" else as.character(s$strata),
             time = s$time, n_risk = s$n.risk, n_event = s$n.event, n_censor = s$n.censor,
             surv = s$surv, se = s$std.err, lower = s$lower, upper = s$upper)
}
times <- c(0, 5, 100, 183.5, 365, 800, 1022, 1100)
lung$sexf <- factor(lung$sex)
kfit <- survfit(Surv(time, status == 2) ~ sexf, data = lung)
out$km_times <- list(times = times, max_time = tapply(lung$time, lung$sex, max),
                     plain = km_at(kfit, times, FALSE), extend = km_at(kfit, times, TRUE))
mg$event <- factor(mg$ev, 0:2, c("censor", "pcm", "death"))
cfit <- survfit(Surv(etime, event) ~ sex, data = mg)
ctimes <- c(0, 12, 60, 120.5, 240, 424, 500)
cs <- summary(cfit, times = ctimes)
out$cif_times <- list(times = ctimes, max_time = tapply(mg$etime, mg$sex, max),
                      frame = data.frame(strata = as.character(cs$strata), time = cs$time,
                                         n_risk = cs$n.risk[, 1], pcm = cs$pstate[, 2],
                                         death = cs$pstate[, 3]))

# ---------------------------------------------------------------- Gray's test
gray <- function(ci) {
  t <- ci$Tests
  list(cause = rownames(t), stat = unname(t[, "stat"]), pv = unname(t[, "pv"]),
       df = unname(t[, "df"]))
}
out$gray <- list(
  mgus2_sex = gray(cuminc(mg$etime, mg$ev, group = mg$sex, cencode = 0)),
  sim_g = gray(cuminc(sim$time, sim$event, group = sim$g, cencode = 0)),
  sim_g_strata = gray(cuminc(sim$time, sim$event, group = sim$g, strata = sim$s, cencode = 0)),
  sim_g_rho1 = gray(cuminc(sim$ctime, sim$event, group = sim$g, rho = 1, cencode = 0)))

writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE),
           "tests/reference/timetoevent.json")
cat("written tests/reference/timetoevent.json\n")
